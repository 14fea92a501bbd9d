package dev.pavu.verifier.prefetch;

import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.CgroupV1;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.sandbox.UnsandboxedSandbox;
import dev.pavu.verifier.service.Prefetcher;
import dev.pavu.verifier.toolchain.CheckstyleToolchain;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.verifier.toolchain.SpotbugsToolchain;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prefetch from an EMPTY local repository, then the real offline cold run ({@code mvn -o test} in the sandbox,
 * {@link MavenGates}) of small projects of each test framework: the run must report the seeded failing tests, not an
 * offline resolution error (before, a JUnit 4 project failed for want of {@code surefire-junit4}). Downloads from
 * Maven Central are real; one local repository is shared by all cases. Plus a hostile pom: its plugins bound to early
 * phases do not run and its repositories are not contacted.
 */
class PrefetchOfflineRunTest {

    @TempDir
    static Path tmp;
    static Path repo;
    static MavenGates gates;
    static DependencyPrefetch prefetch;
    static MavenToolchain maven;
    static Sandbox sandbox;
    static VerifierConfig config;

    @BeforeAll
    static void setUp() throws IOException {
        repo = Files.createDirectories(tmp.resolve("empty-m2"));
        config = configFor(repo);
        maven = new MavenToolchain(config);
        sandbox = BubblewrapSandbox.probe("bwrap").isEmpty()
                ? new BubblewrapSandbox("bwrap", config.sandbox().systemPaths().stream().map(Path::of).toList(),
                config.sandbox().hiddenPaths().stream().map(Path::of).toList(), CgroupV1.unavailableReason().isEmpty())
                : new UnsandboxedSandbox();
        gates = new MavenGates(maven, sandbox, config);
        prefetch = Prefetcher.create(config, maven);
    }

    /** The verifier's settings with {@code repo} as its local repository. */
    private static VerifierConfig configFor(Path repo) {
        SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources().addSystemSources()
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValue("pavu.verifier.home", tmp.resolve("home").toString())
                .withDefaultValue("pavu.verifier.maven.local-repository", repo.toString())
                .withMapping(VerifierConfig.class).build();
        return c.getConfigMapping(VerifierConfig.class);
    }

    @Test
    void theBundledExampleFromARepositoryOfItsOwn() throws Exception {
        // its own empty repository (the shared one may hold what another case fetched): surefire 3.5.2's JUnit Platform
        // provider needs junit-platform-commons at the version its pom declares, which a managed tree replaced
        Path own = Files.createDirectories(tmp.resolve("example-m2"));
        VerifierConfig cfg = configFor(own);
        MavenToolchain mvn = new MavenToolchain(cfg);
        Path p = tmp.resolve("invoicing");
        try (Stream<Path> files = Files.walk(Path.of("../examples/invoicing"))) {
            for (Path f : files.toList()) {
                Path to = p.resolve(Path.of("../examples/invoicing").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (!f.toString().contains("/target/")) {
                    Files.copy(f, to);
                }
            }
        }
        PrefetchReport r = Prefetcher.create(cfg, mvn).run(p, own, tmp.resolve("work-invoicing"), List.of());
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        GateOutcome o = new MavenGates(mvn, sandbox, cfg).run(p, List.of(), Duration.ofMinutes(4), log, RunWatch.NONE);
        assertFalse(log.text().contains("offline mode") || log.text().contains("has not been downloaded"), log.text());
        assertEquals(Verdict.FAIL, o.verdict(), o.reason() + "\n" + log.text());
        assertTrue(o.failingTests().stream().map(PrefetchOfflineRunTest::id).allMatch(t -> t.equals("InvoiceTest#appliesTheBulkDiscountAtExactlyTenUnits")
                || t.equals("VolumeDiscountTest#bulkDiscountStartsAtTenUnits")), o.reason());
    }

    private static PrefetchReport prefetch(Path project) throws Exception {
        PrefetchReport r = prefetch.run(project, repo, tmp.resolve("work-" + project.getFileName()), List.of());
        assertTrue(r.promoted() && r.added() + r.artifacts() > 0, r.note());
        System.out.println("[prefetch " + project.getFileName() + "] " + r.note());
        return r;
    }

    /** Runs the offline cold path and checks it failed on the expected tests (the first of them at least: it stops there). */
    private static void offlineRunFails(Path project, Set<String> expected) {
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        GateOutcome o = gates.run(project, List.of(), Duration.ofMinutes(4), log, RunWatch.NONE);
        String text = log.text();
        assertFalse(text.contains("offline mode") || text.contains("has not been downloaded"), text);
        assertEquals(Verdict.FAIL, o.verdict(), o.reason() + "\n" + text);
        Set<String> failed = o.failingTests().stream().map(PrefetchOfflineRunTest::id).collect(Collectors.toSet());
        // the run stops at its first failing test (surefire's skipAfterFailureCount=1; TestNG runs to the end)
        assertFalse(failed.isEmpty(), o.reason() + "\n" + text);
        assertTrue(expected.containsAll(failed), "failed " + failed + ", expected among " + expected + ": " + o.reason() + "\n" + text);
    }

    private static String id(TestFailure f) {
        String cls = f.className().substring(f.className().lastIndexOf('.') + 1);
        return cls + "#" + String.valueOf(f.methodName()).replaceAll("\\(\\)$", "");
    }

    @Test
    void junit3WithTheInstalledMavensDefaultPlugins() throws Exception {
        Path p = SmallProjects.junit3(tmp.resolve("junit3"));
        PrefetchReport r = prefetch(p);
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        // the installed Maven's own default surefire (2.12.4 for Maven 3.8.7), read from its lib/maven-core jar
        String surefire = MavenDefaults.of(java.util.Optional.empty(), maven.mavenHome()).lifecyclePlugins().get(BuildPlugins.SUREFIRE);
        assertTrue(Files.isRegularFile(repo.resolve("org/apache/maven/surefire/surefire-junit3/" + surefire + "/surefire-junit3-" + surefire + ".jar")));
        offlineRunFails(p, Set.of("CalcTest#testLarge"));
    }

    @Test
    void junit4TimeoutBeforeAndParameterized() throws Exception {
        Path p = SmallProjects.junit4(tmp.resolve("junit4"));
        PrefetchReport r = prefetch(p);
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        // the provider the old prefetch missed, and JUnit Vintage for the fast path
        assertTrue(Files.isRegularFile(repo.resolve("org/apache/maven/surefire/surefire-junit4/3.2.5/surefire-junit4-3.2.5.jar")));
        assertTrue(Files.isRegularFile(repo.resolve("org/junit/vintage/junit-vintage-engine/5.11.4/junit-vintage-engine-5.11.4.jar")));
        assertTrue(Files.isRegularFile(repo.resolve("org/junit/platform/junit-platform-launcher/1.11.4/junit-platform-launcher-1.11.4.jar")));
        offlineRunFails(p, Set.of("CalcTest#large", "CalcParamTest#adds"));
    }

    @Test
    void junit5() throws Exception {
        Path p = SmallProjects.junit5(tmp.resolve("junit5"));
        PrefetchReport r = prefetch(p);
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        assertTrue(Files.isRegularFile(repo.resolve("org/junit/platform/junit-platform-launcher/1.11.4/junit-platform-launcher-1.11.4.jar")));
        assertTrue(Files.isRegularFile(repo.resolve("com/google/auto/service/auto-service/1.1.1/auto-service-1.1.1.jar")));
        offlineRunFails(p, Set.of("CalcJupiterTest#large"));
        // the fast path's build of the baseline (fast/FastPath): maven-dependency-plugin found by its prefix, offline
        List<String> cmd = new java.util.ArrayList<>(maven.testCommand(List.of()));
        cmd.removeLast();
        cmd.addAll(List.of("-Dmdep.outputFile=target/pavu-test-classpath.txt", "-Dmdep.includeScope=test", "test-compile",
                "dependency:build-classpath"));
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        ExecResult r2 = sandbox.run(new ExecRequest(cmd, p, maven.environment(), Duration.ofMinutes(4), false, List.of(),
                maven.readOnlyPaths(), log, RunWatch.NONE, Limits.of(config.sandbox(), Duration.ofMinutes(4))));
        assertTrue(r2.succeeded(), log.text());
        assertTrue(Files.readString(p.resolve("target/pavu-test-classpath.txt")).contains("junit-jupiter-engine-5.11.4.jar"), log.text());
    }

    @Test
    void junit4And5MixedThroughVintage() throws Exception {
        Path p = SmallProjects.mixed(tmp.resolve("mixed"));
        PrefetchReport r = prefetch(p);
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        offlineRunFails(p, Set.of("CalcJupiterTest#large", "CalcLegacyTest#larger"));
    }

    @Test
    void testng() throws Exception {
        Path p = SmallProjects.testng(tmp.resolve("testng"));
        PrefetchReport r = prefetch(p);
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        offlineRunFails(p, Set.of("CalcNgTest#large"));
    }

    @Test
    void aParentFromTheRepositoryWithPluginsOfItsOwn() throws Exception {
        // org.apache:apache binds plugins of its own (remote-resources, enforcer) and manages surefire's version
        Path p = SmallProjects.junit5(tmp.resolve("apache-parent"));
        String pom = Files.readString(p.resolve("pom.xml")).replace("<modelVersion>4.0.0</modelVersion>",
                "<modelVersion>4.0.0</modelVersion><parent><groupId>org.apache</groupId><artifactId>apache</artifactId><version>33</version></parent>");
        Files.writeString(p.resolve("pom.xml"), pom);
        PrefetchReport r = prefetch(p);
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        assertTrue(Files.isRegularFile(repo.resolve("org/apache/apache/33/apache-33.pom")));
        offlineRunFails(p, Set.of("CalcJupiterTest#large"));
    }

    @Test
    void twoModuleReactorWithTheBugInOneModuleAndTheTestsInTheOther() throws Exception {
        Path p = SmallProjects.reactor(tmp.resolve("reactor"));
        PrefetchReport r = prefetch(p);
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        assertEquals(3, r.modules(), r.note());
        // the sibling is built by the run, never downloaded
        assertFalse(Files.exists(repo.resolve("demo/a")), "a reactor module was looked up in the repository");
        offlineRunFails(p, Set.of("CalcJupiterTest#large"));
    }

    @Test
    void aHostilePomRunsNothingAndItsRepositoriesAreNotContacted() throws Exception {
        Path marker = tmp.resolve("planted-by-antrun");
        Path marker2 = tmp.resolve("planted-by-exec");
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            String url = "http://127.0.0.1:" + server.getLocalPort();
            String build = """
                    <repositories><repository><id>evil</id><url>%1$s/repo</url></repository></repositories>
                    <pluginRepositories><pluginRepository><id>evil-plugins</id><url>%1$s/plugins</url></pluginRepository></pluginRepositories>
                    <build><plugins>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-antrun-plugin</artifactId><version>3.1.0</version>
                        <executions><execution><id>plant</id><phase>generate-sources</phase><goals><goal>run</goal></goals>
                          <configuration><target>
                            <touch file="%2$s"/>
                            <get src="%1$s/ping" dest="%2$s.ping" ignoreerrors="true"/>
                          </target></configuration></execution></executions></plugin>
                      <plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId><version>3.1.0</version>
                        <executions><execution><id>plant2</id><phase>initialize</phase><goals><goal>exec</goal></goals>
                          <configuration><executable>touch</executable><arguments><argument>%3$s</argument></arguments></configuration>
                        </execution></executions></plugin>
                    </plugins></build>
                    """.formatted(url, marker, marker2);
            Path p = SmallProjects.write(tmp.resolve("hostile"), Map.of(
                    "pom.xml", SmallProjects.pom("hostile", "<maven.compiler.release>17</maven.compiler.release>",
                            SmallProjects.dep("org.junit.jupiter", "junit-jupiter", "5.11.4")
                                    + "<dependency><groupId>evil</groupId><artifactId>payload</artifactId><version>6.6.6</version></dependency>",
                            build),
                    "src/main/java/demo/Calc.java", SmallProjects.CALC));
            PrefetchReport r = prefetch.run(p, repo, tmp.resolve("work-hostile"), List.of());
            server.close();
            accept.join(5_000);

            assertFalse(Files.exists(marker), "the prefetch ran the pom's antrun plugin");
            assertFalse(Files.exists(marker2), "the prefetch ran the pom's exec plugin");
            assertEquals(0, connections.get(), "the prefetch contacted a repository the pom declared");
            assertTrue(r.ignoredRepositories().contains("evil (" + url + "/repo)"), r.ignoredRepositories().toString());
            assertTrue(r.ignoredRepositories().contains("evil-plugins (" + url + "/plugins)"), r.ignoredRepositories().toString());
            assertTrue(r.note().contains("repositories declared in the poms were ignored"), r.note());
            // the payload exists only in the pom's repository: unresolved, and nothing of it in the shared repository
            assertTrue(r.problems().stream().anyMatch(s -> s.contains("evil:payload")), r.problems().toString());
            assertFalse(Files.exists(repo.resolve("evil")));
            // the plugins were downloaded (as files), just never run
            assertTrue(Files.isRegularFile(repo.resolve("org/apache/maven/plugins/maven-antrun-plugin/3.1.0/maven-antrun-plugin-3.1.0.jar")));
            assertTrue(Files.isRegularFile(repo.resolve("org/codehaus/mojo/exec-maven-plugin/3.1.0/exec-maven-plugin-3.1.0.jar")));
        }
    }

    @Test
    void linterPluginsResolvedSoCheckstyleAndSpotbugsRunOffline() throws Exception {
        Path p = tmp.resolve("lint");
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/toolchains/maven-lint"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = p.resolve(Path.of("src/test/resources/toolchains/maven-lint").relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        CheckstyleToolchain checkstyle = new CheckstyleToolchain(config, maven);
        SpotbugsToolchain spotbugs = new SpotbugsToolchain(config, maven);
        PrefetchReport r = prefetch.run(p, repo, tmp.resolve("work-lint"), List.of(checkstyle.plugin(), spotbugs.plugin().coordinates()));
        assertTrue(r.complete(), r.note() + "\n" + r.problems());
        System.out.println("[prefetch lint] " + r.note());
        assertTrue(checkstyle.available() && spotbugs.available());

        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        ExecResult cs = sandbox.run(new ExecRequest(checkstyle.command(CheckstyleToolchain.config(p)), p, maven.environment(),
                Duration.ofMinutes(4), false, List.of(), maven.readOnlyPaths(), log, RunWatch.NONE, Limits.of(config.sandbox(), Duration.ofMinutes(4))));
        assertTrue(cs.succeeded(), log.text());
        // the baseline's two known problems (Legacy.java), found offline
        assertEquals(2, CheckstyleToolchain.violations(p).size(), log.text());

        OutputCapture log2 = new OutputCapture(256 * 1024, 256 * 1024, null);
        ExecResult sb = sandbox.run(new ExecRequest(spotbugs.command(), p, maven.environment(), Duration.ofMinutes(4), false, List.of(),
                maven.readOnlyPaths(), log2, RunWatch.NONE, Limits.of(config.sandbox(), Duration.ofMinutes(4))));
        assertTrue(sb.succeeded(), log2.text());
        assertTrue(Files.isRegularFile(p.resolve("target/spotbugsXml.xml")), log2.text());
    }
}
