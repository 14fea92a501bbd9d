package dev.pavu.verifier;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.service.CandidateVerifier;
import dev.pavu.verifier.toolchain.PythonToolchain;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code lint} gate on real projects through {@link CandidateVerifier}, in the sandbox: Checkstyle and SpotBugs on a
 * small Maven project ({@code toolchains/maven-lint}, whose baseline has two Checkstyle problems) after the prefetch
 * resolved the plugins, and mypy on {@code toolchains/python-calc}. Only problems a candidate introduces fail it, also when it moves the old
 * ones to other lines. Same profile and test resources as {@link ToolchainsTest}, so Quarkus is not restarted.
 */
@QuarkusTest
@TestProfile(ToolchainsTest.Profile.class)
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class LintToolchainsTest {

    private static final String NEED_BRACES = "NeedBraces: 'if' construct must use '{}'s.";

    @Inject
    CandidateVerifier verifier;

    @Inject
    PythonToolchain python;

    /** One source for the Maven tests, so its dependencies are prefetched once. */
    private static ToolchainsTest.Project mavenLint;

    private static synchronized ToolchainsTest.Project mavenLint() {
        if (mavenLint == null) {
            mavenLint = ToolchainsTest.Project.publish("maven-lint");
        }
        return mavenLint;
    }

    @Test
    void checkstyleFailsACandidateOnlyForTheProblemItIntroduces() {
        ToolchainsTest.Project p = mavenLint();
        // both candidates move the baseline's two problems (Legacy.java) two lines down
        String shift = p.change("src/main/java/demo/Legacy.java", "package demo;\n", "package demo;\n\n// two lines more\n");
        GatePolicy checkstyle = new GatePolicy(List.of("checkstyle"), null, null);

        CandidateVerifier.Result clean = verify(p, shift + p.change("src/main/java/demo/Greeter.java", "        return \"Hello, \" + name;",
                "        if (name == null) {\n            return \"Hello, nobody\";\n        }\n        return \"Hello, \" + name;"),
                new GatePolicy(List.of("checkstyle", "spotbugs"), null, null));
        assertEquals(Verdict.PASS, clean.outcome().verdict(), clean.log());
        assertEquals(List.of("static:PASS", "tests:PASS", "lint:PASS"), gates(clean));
        assertEquals("checkstyle: no new problems (2 already in the baseline, ignored); spotbugs: clean",
                lint(clean).detail().replace(" (unsandboxed)", ""));
        // the plugins were prefetched with network (by this candidate or the source's first); the lint runs are offline
        assertTrue(clean.log().contains("the Checkstyle plugin") && clean.log().contains("prefetched with network"), clean.log());
        assertTrue(clean.log().contains("lint: checkstyle with Pavu's default configuration"), clean.log());
        assertTrue(clean.log().matches("(?s).*\\$ \\S*mvn -o -B .*maven-checkstyle-plugin:[0-9.]+:check .*"), clean.log());
        assertTrue(clean.log().contains("linting the baseline"), "the baseline was linted once: " + clean.log());

        CandidateVerifier.Result dirty = verify(p, shift + p.change("src/main/java/demo/Greeter.java", "        return \"Hello, \" + name;",
                "        if (name == null) return \"Hello, nobody\";\n        return \"Hello, \" + name;"), checkstyle);
        assertEquals(Verdict.FAIL, dirty.outcome().verdict(), dirty.log());
        assertEquals(List.of("static:PASS", "tests:PASS", "lint:FAIL"), gates(dirty));
        assertEquals("checkstyle: 1 new problem: src/main/java/demo/Greeter.java:7:9: " + NEED_BRACES
                + " (2 already in the baseline, ignored)", dirty.outcome().reason());
        assertTrue(!dirty.log().contains("linting the baseline"), "the baseline's lint came from the cache: " + dirty.log());
    }

    @Test
    void spotbugsFailsANewNullDereferenceNamingFileLineAndBugPattern() {
        ToolchainsTest.Project p = mavenLint();
        CandidateVerifier.Result r = verify(p, p.change("src/main/java/demo/Greeter.java", "        return \"Hello, \" + name;",
                "        if (name == null) {\n            return \"Hello, \" + name.trim();\n        }\n        return \"Hello, \" + name;"),
                new GatePolicy(List.of("spotbugs"), null, null));
        assertEquals(Verdict.FAIL, r.outcome().verdict(), r.log());
        assertEquals(List.of("static:PASS", "tests:PASS", "lint:FAIL"), gates(r));
        assertTrue(r.outcome().reason().startsWith("spotbugs: 2 new problems: src/main/java/demo/Greeter.java:8: NP_ALWAYS_NULL: "
                + "Null pointer dereference of name in demo.Greeter.greet(String); src/main/java/demo/Greeter.java:8: "
                + "NP_LOAD_OF_KNOWN_NULL_VALUE: Load of known null value in demo.Greeter.greet(String)"), r.outcome().reason());
        assertTrue(r.log().matches("(?s).*\\$ \\S*mvn -o -B .* compile com\\.github\\.spotbugs:spotbugs-maven-plugin:[0-9.]+:check .*"), r.log());
    }

    @Test
    void mypyFailsATypeErrorNamingFileAndLineAndPassesCleanCode() {
        Assumptions.assumeTrue(python.interpreter().flatMap(python::mypyCommand).isPresent(),
                "mypy is not installed here: apt-get install -y python3-mypy (Debian) to run the mypy lint test");
        ToolchainsTest.Project p = ToolchainsTest.Project.publish("python-calc");
        GatePolicy mypy = new GatePolicy(List.of("mypy", "ruff"), null, null);

        CandidateVerifier.Result bad = verify(p, fixedAnd(p, "return a / 2"), mypy);
        assertEquals(Verdict.FAIL, bad.outcome().verdict(), bad.log());
        assertEquals(List.of("static:PASS", "tests:PASS", "lint:FAIL"), gates(bad));
        assertTrue(bad.outcome().reason().startsWith("mypy: 1 new problem: calc.py:9: error: Incompatible return value type "
                + "(got \"float\", expected \"int\")"), bad.outcome().reason());
        assertTrue(bad.outcome().reason().contains("ruff: asked for but not installed here")
                || bad.outcome().reason().contains("ruff: clean"), bad.outcome().reason());

        CandidateVerifier.Result good = verify(p, fixedAnd(p, "return a // 2"), mypy);
        assertEquals(Verdict.PASS, good.outcome().verdict(), good.log());
        assertEquals(List.of("static:PASS", "tests:PASS", "lint:PASS"), gates(good));
        assertTrue(lint(good).detail().startsWith("mypy: clean"), lint(good).detail());
    }

    /** @return a diff of calc.py fixing add() and adding {@code def half(a: int) -> int: <body>} above mul() (lines 8–9) */
    private static String fixedAnd(ToolchainsTest.Project p, String body) {
        String text = p.files().get("calc.py");
        return UnifiedDiffs.create("calc.py", text, text.replace("return a - b", "return a + b")
                .replace("def mul(a, b):", "def half(a: int) -> int:\n    " + body + "\n\n\ndef mul(a, b):"));
    }

    private CandidateVerifier.Result verify(ToolchainsTest.Project p, String diff, GatePolicy policy) {
        UUID job = UUID.randomUUID();
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, job, 1, UUID.randomUUID(), "actuator-service");
        DiffProposed d = new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, p.source().commit(), p.source().bundleSha()), diff,
                "template", "test", "test", 1.0, 0, new VerifySpec(null, 120_000, List.of(), false, policy));
        return verifier.verify(d, RunWatch.NONE);
    }

    private static GateResult lint(CandidateVerifier.Result r) {
        return r.outcome().gates().getLast();
    }

    private static List<String> gates(CandidateVerifier.Result r) {
        return r.outcome().gates().stream().map(g -> g.gate() + ":" + g.status()).toList();
    }
}
