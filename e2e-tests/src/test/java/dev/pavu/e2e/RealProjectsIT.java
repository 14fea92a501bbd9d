package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fresh-machine resolution, one job per common test setup (issue 11): before each job the stack's verifier is
 * restarted with a fresh, EMPTY local Maven repository ({@code PAVU_VERIFIER_MAVEN_LOCAL_REPOSITORY}) and a fresh home
 * ({@code PAVU_VERIFIER_HOME}: no prefetch markers, no cached sources), so everything the runs need — dependencies,
 * plugins at the pom's versions, the surefire provider each framework makes surefire pick, JUnit Vintage for the fast
 * path, a Gradle project's declared dependencies — must come from the prefetch (with network, Maven Central) before
 * the first offline run. Each fixture ({@code e2e-tests/projects/setups/<setup>}) has the same one-line bug
 * ({@code Rectangle.area()} returns {@code width * width}) and tests of its framework that catch it; the job must end
 * SUCCEEDED with the one-line fix. At the end the verifier is restarted with the stack's own settings.
 */
@ExtendWith(LocalStackExtension.class)
class RealProjectsIT {

    private static final String VERIFIER = "verifier-service";
    /** The fix, either way round. */
    private static final java.util.regex.Pattern FIX = java.util.regex.Pattern.compile(
            "(?m)^\\+\\s+return (width \\* height|height \\* width);$");

    private final PlannerClient planner = new PlannerClient();

    @AfterAll
    static void restoreTheVerifier() {
        LocalStackExtension.run(Map.of(), "down", VERIFIER);
        LocalStackExtension.run(Map.of(), "up", VERIFIER);
    }

    /**
     * @param setup    the fixture under {@code e2e-tests/projects/setups}
     * @param fixed    the fixed file's path in the patch
     * @param artifact a file the prefetch must have put into the empty repository (the framework the tests use)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "junit3,  src/main/java/demo/Rectangle.java,        junit/junit/3.8.2/junit-3.8.2.jar",
            "junit4,  src/main/java/demo/Rectangle.java,        org/apache/maven/surefire/surefire-junit4/3.5.2/surefire-junit4-3.5.2.jar",
            "junit5,  src/main/java/demo/Rectangle.java,        org/junit/jupiter/junit-jupiter-engine/5.11.4/junit-jupiter-engine-5.11.4.jar",
            "vintage, src/main/java/demo/Rectangle.java,        org/junit/vintage/junit-vintage-engine/5.11.4/junit-vintage-engine-5.11.4.jar",
            "testng,  src/main/java/demo/Rectangle.java,        org/apache/maven/surefire/surefire-testng/3.5.2/surefire-testng-3.5.2.jar",
            "reactor, shapes/src/main/java/demo/Rectangle.java, org/junit/jupiter/junit-jupiter-engine/5.11.4/junit-jupiter-engine-5.11.4.jar",
            "wrapper, src/main/java/demo/Rectangle.java,        org/apache/maven/plugins/maven-surefire-plugin/3.5.2/maven-surefire-plugin-3.5.2.jar",
            "gradle,  src/main/java/demo/Rectangle.java,        junit/junit/4.13.2/junit-4.13.2.jar",
    })
    void verifiesFromAnEmptyLocalRepository(String setup, String fixed, String artifact) throws Exception {
        Path scratch = Files.createTempDirectory("pavu-e2e-setup-" + setup);
        try {
            Path repo = Files.createDirectories(scratch.resolve("m2"));
            Path home = Files.createDirectories(scratch.resolve("home"));
            assertTrue(isEmpty(repo));
            LocalStackExtension.run(Map.of(), "down", VERIFIER);
            LocalStackExtension.run(Map.of("PAVU_VERIFIER_MAVEN_LOCAL_REPOSITORY", repo.toString(),
                    "PAVU_VERIFIER_HOME", home.toString()), "up", VERIFIER);

            String id = planner.submitProject(Projects.named("setups/" + setup), Map.of("task", "make the failing tests pass",
                    "budget", Map.of("maxIterations", 2, "maxCandidates", 60, "candidateTimeoutMs", 60_000, "jobTimeoutMs", 300_000)))
                    .get("id").asText();
            JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(6));
            String logs = logs(home);
            assertEquals("SUCCEEDED", done.get("outcome").asText(), setup + ": " + done + "\nverifier logs (tail):\n" + tail(logs));
            String patch = planner.patch(id);
            assertTrue(patch.contains(fixed) && FIX.matcher(patch).find(), setup + ": the one-line fix in " + fixed + ":\n" + patch);
            assertEquals(1, patch.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count(), setup + ": one line:\n" + patch);

            assertTrue(Files.isRegularFile(repo.resolve(artifact)), setup + ": the prefetch filled the empty repository (" + artifact + ")");
            assertTrue(logs.contains("prefetched with network"), setup + ": the prefetch ran for this verifier:\n" + tail(logs));
            if (setup.equals("wrapper")) {
                assertTrue(logs.contains("the project's Maven wrapper (mvnw) is not run"), "the log says the wrapper is not run");
                try (Stream<Path> s = Files.walk(scratch)) {
                    assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("apache-maven-3.9.11")),
                            "no Maven distribution was downloaded");
                }
            }
            if (setup.equals("gradle")) {
                assertTrue(logs.contains("Gradle dependencies prefetched with network"), tail(logs));
            }
        } finally {
            // the verifier may still be verifying the job's extra candidates (plausible-patch ranking) in this home:
            // stop it before its files are deleted (the next setup stops it anyway)
            LocalStackExtension.run(Map.of(), "down", VERIFIER);
            Projects.deleteQuietly(scratch);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** @return the verifier's candidate logs under its home, concatenated (oldest first) */
    private static String logs(Path home) throws IOException {
        Path dir = home.resolve("verifier/logs");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                sb.append("=== ").append(f.getFileName()).append('\n').append(Files.readString(f)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
