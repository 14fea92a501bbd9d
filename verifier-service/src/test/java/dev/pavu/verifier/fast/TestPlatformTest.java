package dev.pavu.verifier.fast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which JUnit the warm JVM runs a project on, from its test classpath and a (fake) local repository. */
class TestPlatformTest {

    @TempDir
    Path repo;

    private Path artifact(String group, String artifact, String version, String... deps) throws Exception {
        Path dir = Files.createDirectories(repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        Path jar = dir.resolve(artifact + "-" + version + ".jar");
        Files.write(jar, new byte[] {'P', 'K'});
        StringBuilder pom = new StringBuilder("<project><dependencyManagement><dependencies><dependency><groupId>org.junit</groupId>"
                + "<artifactId>junit-bom</artifactId><version>5.11.4</version><type>pom</type><scope>import</scope></dependency>"
                + "</dependencies></dependencyManagement><dependencies>");
        for (String d : deps) {
            String[] p = d.split(":");
            pom.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version><scope>").append(p.length > 3 ? p[3] : "compile")
                    .append("</scope></dependency>");
        }
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), pom.append("</dependencies></project>").toString());
        return jar;
    }
    @Test
    void aJupiterProjectRunsOnItsOwnPlatformWithTheLauncherAdded() throws Exception {
        Path api = artifact("org.junit.jupiter", "junit-jupiter-api", "5.10.2");
        Path engine = artifact("org.junit.platform", "junit-platform-engine", "1.10.2");
        Path launcher = artifact("org.junit.platform", "junit-platform-launcher", "1.10.2");
        Path lib = artifact("com.example", "lib", "1.0");
        TestPlatform p = TestPlatform.of(List.of(api, engine, lib), repo, "5.11.4");
        assertNull(p.whyNot());
        assertFalse(p.vintage());
        assertEquals(List.of(api, engine, launcher), p.runnerJars());
        assertEquals(List.of(lib), p.deps());
        assertEquals(List.of(launcher), p.javacExtra(), "javac sees the launcher the project did not bring");
    }
    @Test
    void aMixedProjectsOwnVintageEngineSeesJUnit4InTheRunnersLoader() throws Exception {
        Path api = artifact("org.junit.jupiter", "junit-jupiter-api", "5.11.4");
        Path engine = artifact("org.junit.platform", "junit-platform-engine", "1.11.4");
        Path vintage = artifact("org.junit.vintage", "junit-vintage-engine", "5.11.4");
        Path launcher = artifact("org.junit.platform", "junit-platform-launcher", "1.11.4");
        Path junit = artifact("junit", "junit", "4.13.2");
        Path hamcrest = artifact("org.hamcrest", "hamcrest-core", "1.3");
        Path lib = artifact("com.example", "lib", "1.0");
        TestPlatform p = TestPlatform.of(List.of(api, engine, vintage, junit, hamcrest, lib), repo, "5.11.4");
        assertNull(p.whyNot());
        assertFalse(p.vintage(), "the project's own platform, not the verifier's Vintage");
        // the project's Vintage engine loads in the runner's loader: JUnit 4 must be there, not in the child loader
        assertEquals(List.of(api, engine, vintage, junit, hamcrest, launcher), p.runnerJars());
        assertEquals(List.of(lib), p.deps());
        // without a Vintage engine JUnit 4 stays a plain dependency
        TestPlatform jupiterOnly = TestPlatform.of(List.of(api, engine, junit, lib), repo, "5.11.4");
        assertEquals(List.of(junit, lib), jupiterOnly.deps());
    }

    @Test
    void aJUnit4ProjectRunsOnVintageFromTheLocalRepository() throws Exception {
        Path junit = artifact("junit", "junit", "4.13.2", "org.hamcrest:hamcrest-core:1.3");
        Path hamcrest = artifact("org.hamcrest", "hamcrest-core", "1.3");
        Path lib = artifact("com.example", "lib", "1.0");
        Path vintage = artifact("org.junit.vintage", "junit-vintage-engine", "5.11.4", "org.junit.platform:junit-platform-engine:1.11.4",
                "junit:junit:4.13.2", "org.apiguardian:apiguardian-api:1.1.2");
        Path engine = artifact("org.junit.platform", "junit-platform-engine", "1.11.4", "org.opentest4j:opentest4j:1.3.0",
                "org.junit.platform:junit-platform-commons:1.11.4", "org.apiguardian:apiguardian-api:1.1.2", "org.example:test-only:1:test");
        Path launcher = artifact("org.junit.platform", "junit-platform-launcher", "1.11.4", "org.junit.platform:junit-platform-engine:1.11.4");
        Path commons = artifact("org.junit.platform", "junit-platform-commons", "1.11.4", "org.apiguardian:apiguardian-api:1.1.2");
        Path opentest4j = artifact("org.opentest4j", "opentest4j", "1.3.0");
        Path apiguardian = artifact("org.apiguardian", "apiguardian-api", "1.1.2");

        TestPlatform p = TestPlatform.of(List.of(junit, hamcrest, lib), repo, "5.11.4");
        assertNull(p.whyNot());
        assertTrue(p.vintage());
        assertEquals(java.util.Set.of(vintage, engine, launcher, commons, opentest4j, apiguardian, junit, hamcrest),
                java.util.Set.copyOf(p.runnerJars()), "Vintage's closure, then junit:junit and hamcrest, in the runner's loader");
        assertEquals(8, p.runnerJars().size(), "each jar once");
        assertEquals(List.of(lib), p.deps());

        Files.delete(opentest4j);
        TestPlatform missing = TestPlatform.of(List.of(junit, hamcrest, lib), repo, "5.11.4");
        assertEquals("JUnit Vintage 5.11.4 is not in the local repository (org.opentest4j:opentest4j:1.3.0 missing; "
                + "pavu.verifier.fast-path.vintage-version, put there by the prefetch)", missing.whyNot());
    }
    @Test
    void junit38AndOtherFrameworksAreRefused() throws Exception {
        Path junit38 = artifact("junit", "junit", "3.8.2");
        assertEquals("junit:junit 3.8.2 is older than 4.12, which JUnit Vintage needs", TestPlatform.of(List.of(junit38), repo, "5.11.4").whyNot());
        Path testng = artifact("org.testng", "testng", "7.10.2");
        assertEquals("the tests run neither on the JUnit Platform nor on JUnit 4 (no junit-platform-engine, no junit:junit)",
                TestPlatform.of(List.of(testng), repo, "5.11.4").whyNot());
        assertEquals("junit-platform-launcher 1.9.3 is not in the local repository",
                TestPlatform.of(List.of(artifact("org.junit.platform", "junit-platform-engine", "1.9.3")), repo, "5.11.4").whyNot());
    }
    @Test
    void versions() {
        assertEquals("1.11.4", TestPlatform.platformVersion("5.11.4"));
        assertEquals("6.0.3", TestPlatform.platformVersion("6.0.3"));
        assertTrue(TestPlatform.compare("4.13.2", "4.12") > 0);
        assertTrue(TestPlatform.compare("4.12", "4.12") == 0);
        assertTrue(TestPlatform.compare("4.11", "4.12") < 0);
        assertTrue(TestPlatform.compare("3.8.2", "4.12") < 0);
        assertTrue(TestPlatform.compare("4.13-beta-3", "4.12") > 0);
    }
}
