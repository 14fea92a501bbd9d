package dev.pavu.verifier;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.ProbeSpec;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.service.CandidateVerifier;
import dev.pavu.verifier.toolchain.Executables;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real small Python (pytest), Node (npm test, node --test) and Gradle projects ({@code src/test/resources/toolchains})
 * verified through {@link CandidateVerifier} in the sandbox: the buggy baseline FAILs naming the failing test, the
 * fix PASSes, a syntax error FAILs at {@code static}; the plan's tests run first; the gate policy's linters and
 * runtime probe (a Python {@code http.server} app) give their gates.
 */
@QuarkusTest
@TestProfile(ToolchainsTest.Profile.class)
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class ToolchainsTest {

    /** Debian's Gradle 4.4.1 runs on JDK 17 at most: the Gradle runs get such a JDK when this machine has one. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return oldJdk().map(j -> Map.of("pavu.verifier.gradle.java-home", j.toString())).orElse(Map.of());
        }
    }

    static Optional<Path> oldJdk() {
        for (String p : List.of("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/java-17-openjdk-arm64", "/usr/lib/jvm/temurin-17-jdk-amd64")) {
            if (Files.isExecutable(Path.of(p, "bin", "javac"))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    @Inject
    CandidateVerifier verifier;

    // ------------------------------------------------------------ Python

    @Test
    void pythonBaselineFailsNamingTheTestAndTheFixPasses() {
        Project p = Project.publish("python-calc");

        CandidateVerifier.Result base = verify(p, "", List.of(), null);
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertEquals("1 of 3 tests failed: test_calc#test_add", base.outcome().reason());
        TestFailure f = base.outcome().failingTests().getFirst();
        assertEquals("tests.test_calc#test_add", f.testId());
        assertTrue(f.message().contains("assert -1 == 5"), f.message());
        assertEquals(List.of("static:PASS", "tests:FAIL"), gates(base));

        CandidateVerifier.Result fixed = verify(p, p.change("calc.py", "return a - b", "return a + b"), List.of(), null);
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals("all 3 tests passed", fixed.outcome().reason());
        assertEquals(3, fixed.outcome().testsRun());
    }

    /** Two files and no build file: a folder of {@code test_*.py} is a pytest project (issue 18, item 1). */
    @Test
    void aFolderOfPytestFilesWithoutABuildFileIsVerifiedWithPytest() {
        Project p = Project.publish("python-bare");
        CandidateVerifier.Result base = verify(p, "", List.of(), null);
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertEquals("1 of 2 tests failed: test_calc#test_add", base.outcome().reason());
        CandidateVerifier.Result fixed = verify(p, p.change("calc.py", "return a - b", "return a + b"), List.of(), null);
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals("all 2 tests passed", fixed.outcome().reason());
    }

    @Test
    void pythonSyntaxErrorFailsAtStatic() {
        Project p = Project.publish("python-calc");
        CandidateVerifier.Result r = verify(p, p.change("calc.py", "return a - b", "return a +* b"), List.of(), null);
        assertEquals(Verdict.FAIL, r.outcome().verdict(), r.log());
        assertTrue(r.outcome().reason().startsWith("does not compile: calc.py:5 SyntaxError: invalid syntax"), r.outcome().reason());
        assertEquals(List.of("static:FAIL"), gates(r));
    }

    @Test
    void pythonRunsThePlansTestsFirstAsPytestNodeIdsAndStopsEarly() {
        Project p = Project.publish("python-calc");
        CandidateVerifier.Result r = verify(p, p.change("calc.py", "return a * b", "return a * b + 1"),
                List.of("tests.test_calc#test_add", "tests.test_calc.TestZero#test_add_zero"), null);
        assertEquals(Verdict.FAIL, r.outcome().verdict(), r.log());
        assertEquals("1 of 2 tests failed (the plan's tests, run first): test_calc#test_add", r.outcome().reason());
        assertTrue(r.log().contains("tests/test_calc.py::test_add tests/test_calc.py::TestZero::test_add_zero"), r.log());
        assertTrue(!r.log().contains("running the whole suite"), "stopped before the whole suite");

        CandidateVerifier.Result ok = verify(p, p.change("calc.py", "return a - b", "return a + b"),
                List.of("tests.test_calc#test_add"), null);
        assertEquals(Verdict.PASS, ok.outcome().verdict(), ok.log());
        assertTrue(ok.log().contains("the tests run first passed; running the whole suite"), ok.log());
        assertEquals(3, ok.outcome().testsRun());
    }

    @Test
    void lintersAskedForButNotInstalledAreNamedAndDoNotFail() {
        Assumptions.assumeTrue(Executables.which("ruff").isEmpty(), "ruff is installed here: the 'not installed' path cannot be seen");
        Project p = Project.publish("python-calc");
        CandidateVerifier.Result r = verify(p, p.change("calc.py", "return a - b", "return a + b"), List.of(),
                new GatePolicy(List.of("ruff", "checkstyle"), null, null));
        assertEquals(Verdict.PASS, r.outcome().verdict(), r.log());
        GateResult lint = r.outcome().gates().getLast();
        assertEquals("lint", lint.gate());
        assertTrue(lint.detail().contains("ruff: asked for but not installed here"), lint.detail());
        assertTrue(lint.detail().contains("checkstyle: not run (it runs on Maven projects"), lint.detail());
    }

    // ------------------------------------------------------------ runtime probe

    private static final ProbeSpec HEALTH = new ProbeSpec("python3 app.py 18080", "http://127.0.0.1:18080/health",
            "python3 smoke.py 18080", 15_000);

    @Test
    void probeOfAHealthyAppPassesAndABrokenHealthFailsAtProbe() {
        Project p = Project.publish("python-calc");
        String fix = p.change("calc.py", "return a - b", "return a + b");

        CandidateVerifier.Result healthy = verify(p, fix, List.of(), new GatePolicy(null, null, HEALTH));
        assertEquals(Verdict.PASS, healthy.outcome().verdict(), healthy.log());
        assertEquals(List.of("static:PASS", "tests:PASS", "probe:PASS"), gates(healthy));
        assertTrue(healthy.log().contains("GET /add?a=2&b=3 answered 5"), healthy.log());

        String broken = fix + p.change("app.py", "HEALTH_STATUS = 200", "HEALTH_STATUS = 500");
        CandidateVerifier.Result sick = verify(p, broken, List.of(), new GatePolicy(null, null, HEALTH));
        assertEquals(Verdict.FAIL, sick.outcome().verdict(), sick.log());
        assertEquals(List.of("static:PASS", "tests:PASS", "probe:FAIL"), gates(sick));
        assertTrue(sick.outcome().reason().matches("probe: health URL http://127\\.0\\.0\\.1:18080/health answered 500 after [0-9.]+ (ms|s)"),
                sick.outcome().reason());
    }

    @Test
    void probeNamesASmokeFailureAnAppThatExitsAndAnAppThatNeverAnswers() {
        Project p = Project.publish("python-calc");
        // tests pass (they do not cover the service), the smoke check sees the wrong sum
        String smokeWrong = p.change("app.py", "str(calc.add(int(q[\"a\"][0]), int(q[\"b\"][0])))",
                "str(calc.add(int(q[\"a\"][0]), int(q[\"b\"][0])) + 1)") + p.change("calc.py", "return a - b", "return a + b");
        CandidateVerifier.Result smoke = verify(p, smokeWrong, List.of(), new GatePolicy(null, null, HEALTH));
        assertEquals(Verdict.FAIL, smoke.outcome().verdict(), smoke.log());
        assertEquals("probe: smoke command exited 1: GET /add?a=2&b=3 answered 6 instead of 5", smoke.outcome().reason());

        String fix = p.change("calc.py", "return a - b", "return a + b");
        CandidateVerifier.Result exits = verify(p, fix, List.of(), new GatePolicy(null, null,
                new ProbeSpec("python3 app.py not-a-port", "http://127.0.0.1:18080/health", null, 10_000)));
        assertEquals(Verdict.FAIL, exits.outcome().verdict(), exits.log());
        assertTrue(exits.outcome().reason().startsWith("probe: the application exited with code 1 after "), exits.outcome().reason());
        assertTrue(exits.outcome().reason().contains("ValueError: invalid literal for int()"), exits.outcome().reason());

        CandidateVerifier.Result silent = verify(p, fix, List.of(), new GatePolicy(null, null,
                new ProbeSpec("python3 app.py 18080", "http://127.0.0.1:18081/health", null, 3_000)));
        assertEquals(Verdict.FAIL, silent.outcome().verdict(), silent.log());
        assertEquals("probe: health URL http://127.0.0.1:18081/health did not answer within 3 s", silent.outcome().reason());
    }

    // ------------------------------------------------------------ Node

    @Test
    void nodeBaselineFailsNamingTheTestTheFixPassesASyntaxErrorFailsAtStatic() {
        Assumptions.assumeTrue(Executables.which("node").isPresent() && Executables.which("npm").isPresent(), "node and npm are not installed here");
        Project p = Project.publish("node-calc");

        CandidateVerifier.Result base = verify(p, "", List.of(), null);
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertEquals("1 of 3 tests failed: test#adds two numbers", base.outcome().reason());
        assertEquals("test#adds two numbers", base.outcome().failingTests().getFirst().testId());
        assertTrue(base.outcome().failingTests().getFirst().message().contains("-1 !== 5"), base.outcome().failingTests().getFirst().message());

        CandidateVerifier.Result fixed = verify(p, p.change("calc.js", "return a - b;", "return a + b;"),
                List.of("test#adds two numbers"), null);
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals("all 3 tests passed", fixed.outcome().reason());
        assertTrue(fixed.log().contains("--test-name-pattern=^(?:adds two numbers)$"), fixed.log());

        CandidateVerifier.Result broken = verify(p, p.change("calc.js", "return a - b;", "return a - ;"), List.of(), null);
        assertEquals(Verdict.FAIL, broken.outcome().verdict(), broken.log());
        assertEquals("does not compile: calc.js:4 SyntaxError: Unexpected token ';'", broken.outcome().reason());
        assertEquals(List.of("static:FAIL"), gates(broken));
    }

    // ------------------------------------------------------------ Gradle

    @Test
    void gradleBaselineFailsNamingTheTestTheFixPassesACompileErrorFailsAtStatic() {
        Assumptions.assumeTrue(Executables.which("gradle").isPresent(),
                "no gradle on PATH: apt-get install -y gradle (Debian's 4.4.1) to run the Gradle toolchain test");
        Assumptions.assumeTrue(oldJdk().isPresent(), "Debian's Gradle 4.4.1 needs a JDK 17; none under /usr/lib/jvm");
        Assumptions.assumeTrue(Files.isRegularFile(Path.of(System.getProperty("user.home"),
                ".m2/repository/junit/junit/4.13.2/junit-4.13.2.jar")), "junit 4.13.2 is not in the local Maven repository");
        Project p = Project.publish("gradle-calc");

        CandidateVerifier.Result base = verify(p, "", List.of(), null, 180_000);
        assertEquals(Verdict.FAIL, base.outcome().verdict(), base.log());
        assertEquals("1 of 3 tests failed: CalcTest#adds", base.outcome().reason());
        assertEquals("demo.CalcTest#adds", base.outcome().failingTests().getFirst().testId());
        // Gradle writes the exception class into the message attribute (surefire does not)
        assertEquals("java.lang.AssertionError: 2 + 3 expected:<5> but was:<-1>", base.outcome().failingTests().getFirst().message());
        assertEquals(List.of("static:PASS", "tests:FAIL"), gates(base));

        CandidateVerifier.Result fixed = verify(p, p.change("src/main/java/demo/Calc.java", "return a - b;", "return a + b;"),
                List.of("demo.CalcTest#adds"), null, 180_000);
        assertEquals(Verdict.PASS, fixed.outcome().verdict(), fixed.log());
        assertEquals("all 3 tests passed", fixed.outcome().reason());
        assertTrue(fixed.log().contains("--tests demo.CalcTest.adds"), fixed.log());

        CandidateVerifier.Result broken = verify(p, p.change("src/main/java/demo/Calc.java", "return a - b;", "return a - ;"),
                List.of(), null, 180_000);
        assertEquals(Verdict.FAIL, broken.outcome().verdict(), broken.log());
        assertTrue(broken.outcome().reason().startsWith("does not compile: src/main/java/demo/Calc.java:8 illegal start of expression"),
                broken.outcome().reason());
    }

    // ------------------------------------------------------------ helpers

    private CandidateVerifier.Result verify(Project p, String diff, List<String> testsFirst, GatePolicy policy) {
        return verify(p, diff, testsFirst, policy, 90_000);
    }

    private CandidateVerifier.Result verify(Project p, String diff, List<String> testsFirst, GatePolicy policy, long timeoutMs) {
        UUID job = UUID.randomUUID();
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, job, diff.isBlank() ? 0 : 1, UUID.randomUUID(), "actuator-service");
        DiffProposed d = new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, p.source().commit(), p.source().bundleSha()), diff,
                diff.isBlank() ? "baseline" : "template", "test", "test", 1.0, 0,
                new VerifySpec(null, timeoutMs, testsFirst, false, policy));
        return verifier.verify(d, RunWatch.NONE);
    }

    private static List<String> gates(CandidateVerifier.Result r) {
        return r.outcome().gates().stream().map(g -> g.gate() + ":" + g.status()).toList();
    }

    /** A project of {@code src/test/resources/toolchains/<name>}, served by the fake planner. */
    record Project(FakePlanner.Source source, Map<String, String> files) {

        static Project publish(String name) {
            Map<String, String> files = read(name);
            return new Project(FakePlanner.publish(name + "-" + UUID.randomUUID().toString().substring(0, 8), files), files);
        }

        /** @return a unified diff replacing the first {@code from} in {@code path} by {@code to} */
        String change(String path, String from, String to) {
            String text = files.get(path);
            assertTrue(text.contains(from), path + " contains " + from);
            return UnifiedDiffs.create(path, text, text.replace(from, to));
        }

        static Map<String, String> read(String name) {
            try {
                Path dir = Path.of(ToolchainsTest.class.getResource("/toolchains/" + name).toURI());
                Map<String, String> files = new TreeMap<>();
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path f : walk.filter(Files::isRegularFile).toList()) {
                        files.put(dir.relativize(f).toString(), Files.readString(f));
                    }
                }
                return files;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
