package dev.pavu.verifier.prefetch;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Gradle prefetch reads build scripts as text and never runs them: a hostile script that would write a marker
 * file when run leaves none, yet its literal dependencies land in an EMPTY local repository (downloaded from Maven
 * Central), enough for a real offline Gradle run (Debian's 4.4.1 on a JDK 17, where installed) to compile and run the
 * tests through the verifier's kind of init script.
 */
class GradlePrefetchTest {

    private static final List<String> CENTRAL = List.of("central=https://repo.maven.apache.org/maven2/");

    @TempDir
    Path tmp;

    @Test
    void readsStringMapAndKotlinNotationsAndNamesWhatItCannotResolve() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(root.resolve("build.gradle"), """
                plugins { id 'org.springframework.boot' version '3.2.0' }
                def v = '1.0'
                dependencies {
                    implementation 'com.google.guava:guava:33.0.0-jre'
                    testCompile group: 'junit', name: 'junit', version: '4.13.2'
                    // testImplementation 'commented:out:1.0'
                    runtimeOnly "org.example:lib:$v"
                    testImplementation 'org.example:dyn:1.+'
                    implementation project(':core')
                }
                """);
        Files.createDirectories(root.resolve("core"));
        Files.writeString(root.resolve("core/build.gradle.kts"), """
                dependencies { testImplementation("org.junit.jupiter:junit-jupiter:5.11.4") }
                """);
        List<Path> scripts = GradlePrefetch.scripts(root);
        assertEquals(List.of(root.resolve("build.gradle"), root.resolve("core/build.gradle.kts")), scripts);
        List<GradlePrefetch.Declared> top = GradlePrefetch.declared(root, scripts.get(0));
        assertEquals(List.of("com.google.guava:guava:33.0.0-jre", "junit:junit:4.13.2"),
                top.stream().filter(d -> d.problem() == null).map(GradlePrefetch.Declared::coordinates).toList());
        List<String> problems = top.stream().map(GradlePrefetch.Declared::problem).filter(p -> p != null).toList();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("not a literal"), problems.toString());
        assertTrue(problems.get(1).contains("dynamic version"), problems.toString());
        assertTrue(problems.get(2).contains("Gradle plugin portal"), problems.toString());
        assertEquals(List.of("org.junit.jupiter:junit-jupiter:5.11.4"),
                GradlePrefetch.declared(root, scripts.get(1)).stream().map(GradlePrefetch.Declared::coordinates).toList());
    }

    @Test
    void aHostileScriptIsNeverRunButItsDependenciesAreFetchedForTheOfflineRun() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("hostile"));
        Path marker = tmp.resolve("script-ran");
        Path outside = Files.writeString(tmp.resolve("outside.gradle"), "dependencies { testCompile 'org.example:secret:1.0' }");
        Files.writeString(root.resolve("settings.gradle"), "rootProject.name = 'calc'\nnew File('" + marker + "').text = 'settings ran'\n");
        Files.writeString(root.resolve("build.gradle"), """
                // would write a marker (and could do anything else) when Gradle evaluated it
                new File('%s').text = 'build script ran'
                ['sh', '-c', 'touch %s'].execute()
                apply plugin: 'java'
                sourceCompatibility = 1.8
                targetCompatibility = 1.8
                repositories { mavenCentral() }
                dependencies {
                    testCompile 'junit:junit:4.13.2'
                }
                """.formatted(marker, marker));
        Files.createDirectories(root.resolve("linked"));
        Files.createSymbolicLink(root.resolve("linked/build.gradle"), outside);
        for (Map.Entry<String, String> f : Map.of(
                "src/main/java/demo/Calc.java", "package demo;\npublic class Calc { public static int add(int a, int b) { return a - b; } }\n",
                "src/test/java/demo/CalcTest.java", """
                        package demo;
                        import static org.junit.Assert.assertEquals;
                        import org.junit.Test;
                        public class CalcTest {
                            @Test public void adds() { assertEquals(5, Calc.add(2, 3)); }
                            @Test public void addsZero() { assertEquals(0, Calc.add(0, 0)); }
                        }
                        """).entrySet()) {
            Files.createDirectories(root.resolve(f.getKey()).getParent());
            Files.writeString(root.resolve(f.getKey()), f.getValue());
        }
        Path repo = Files.createDirectories(tmp.resolve("empty-m2"));

        PrefetchReport r = new GradlePrefetch(CENTRAL, DependencyPrefetch.systemProperties(Path.of(System.getProperty("java.home")), Map.of())).run(root, repo, Files.createDirectories(tmp.resolve("work")),
                Duration.ofMinutes(5));

        assertFalse(Files.exists(marker), "the build script did not run");
        assertTrue(r.promoted(), r.note());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("linked/build.gradle: not read")), r.problems().toString());
        assertFalse(r.problems().stream().anyMatch(p -> p.contains("secret")), "the linked script was not read: " + r.problems());
        assertEquals(1, r.problems().size(), r.problems().toString());
        for (String file : List.of("junit/junit/4.13.2/junit-4.13.2.jar", "junit/junit/4.13.2/junit-4.13.2.pom",
                "org/hamcrest/hamcrest-core/1.3/hamcrest-core-1.3.jar", "org/hamcrest/hamcrest-parent/1.3/hamcrest-parent-1.3.pom")) {
            assertTrue(Files.isRegularFile(repo.resolve(file)), file + " in the local repository: " + r.note());
        }

        // the offline Gradle run, as the verifier's GradleToolchain sets it up, finds everything it needs
        Path gradle = Path.of("/usr/bin/gradle");
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Assumptions.assumeTrue(Files.isExecutable(gradle) && Files.isDirectory(jdk17), "no Debian gradle and JDK 17 here");
        Files.delete(root.resolve("build.gradle"));
        Files.writeString(root.resolve("build.gradle"), """
                apply plugin: 'java'
                sourceCompatibility = 1.8
                targetCompatibility = 1.8
                repositories { mavenCentral() }
                dependencies { testCompile 'junit:junit:4.13.2' }
                """);
        Files.writeString(root.resolve("settings.gradle"), "rootProject.name = 'calc'\n");
        Path init = Files.writeString(tmp.resolve("init.gradle"), """
                allprojects {
                    buildscript { repositories { clear(); maven { url '%1$s' } } }
                    repositories { clear(); maven { url '%1$s' } }
                }
                """.formatted(repo.toUri()));
        ProcessBuilder pb = new ProcessBuilder(gradle.toString(), "--offline", "--no-daemon", "--console=plain", "-I", init.toString(),
                "test", "--continue").directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", jdk17.toString());
        pb.environment().put("GRADLE_USER_HOME", Files.createDirectories(tmp.resolve("gradle-home")).toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        assertFalse(out.contains("Could not resolve"), out);
        assertTrue(Files.isRegularFile(root.resolve("build/test-results/test/TEST-demo.CalcTest.xml")), "the tests ran offline:\n" + out);
        String report = Files.readString(root.resolve("build/test-results/test/TEST-demo.CalcTest.xml"));
        assertTrue(report.contains("tests=\"2\"") && report.contains("failures=\"1\""), report);
    }
}
