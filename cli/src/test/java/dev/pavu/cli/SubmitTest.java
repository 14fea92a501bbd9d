package dev.pavu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu submit} against a planner played by the test. */
class SubmitTest {

    @TempDir
    Path tmp;

    @Test
    void aLocalFolderIsUploadedAsAValidBundleWithTheJobAndTheResultIsOneJsonObject() throws Exception {
        Path project = gitProject();
        Map<String, String> before = tree(project);

        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            Cli.Run r = Cli.run(Map.of("PAVU_PLANNER_URL", planner.url()), tmp, "submit", "--repo", project.toString(),
                    "--task", "fix the discount", "--test-command", "mvn -q test", "--max-candidates", "5",
                    "--max-iterations", "2", "--timeout-per-candidate", "15", "--wait", "--json");

            assertEquals(0, r.code(), r.toString());
            // stdout: exactly one JSON object with exactly these fields, in this order
            JsonNode result = FakePlanner.JSON.readTree(r.out());
            assertEquals(List.of("jobId", "outcome", "reason", "patch", "candidatesTried", "durationMs"), fieldNames(result));
            assertEquals(r.out().strip(), FakePlanner.JSON.writeValueAsString(result), "one compact JSON object only:\n" + r.out());
            assertEquals(planner.jobId, result.get("jobId").asText());
            assertEquals("SUCCEEDED", result.get("outcome").asText());
            assertEquals(planner.reason, result.get("reason").asText());
            assertEquals(planner.patch, result.get("patch").asText());
            assertEquals(3, result.get("candidatesTried").asInt());
            assertEquals(4200, result.get("durationMs").asLong());
            // progress went to stderr, one line per event, each event once although the planner repeats them
            assertTrue(r.err().contains("snapshot of " + project), r.err());
            assertEquals(1, count(r.err(), "verdict     PASS    relational-operator-replacement: all 12 tests passed (3.3 s)"), r.err());
            assertEquals(1, count(r.err(), "concluded   SUCCEEDED"), r.err());
            assertEquals(planner.events.size(), count(r.err(), "  #"), r.err());

            // the upload: multipart with the job JSON and a bundle that clones to the working tree as the user sees it
            FakePlanner.Request post = planner.requests("POST", "/jobs").getFirst();
            assertTrue(post.header("Content-Type").startsWith("multipart/form-data; boundary="), post.header("Content-Type"));
            Map<String, Multiparts.Part> parts = Multiparts.parse(post.header("Content-Type"), post.body());
            assertEquals(List.of("job", "bundle"), List.copyOf(parts.keySet()));
            JsonNode job = FakePlanner.JSON.readTree(parts.get("job").content());
            assertEquals("application/json", parts.get("job").contentType());
            assertEquals("fix the discount", job.get("task").asText());
            assertEquals("mvn -q test", job.get("testCommand").asText());
            assertEquals(2, job.get("budget").get("maxIterations").asInt());
            assertEquals(5, job.get("budget").get("maxCandidates").asInt());
            assertEquals(15_000, job.get("budget").get("candidateTimeoutMs").asLong());
            assertFalse(job.get("budget").has("jobTimeoutMs"), "a limit not set is left to the planner");

            Path bundle = tmp.resolve("uploaded.bundle");
            Files.write(bundle, parts.get("bundle").content());
            Path clone = tmp.resolve("clone");
            try (Git ignored = Git.cloneRepository().setURI(bundle.toUri().toString()).setDirectory(clone.toFile()).call()) {
                assertEquals("public class Discount { int at = 10; } // edited, not committed\n",
                        Files.readString(clone.resolve("src/Discount.java")));
                assertEquals("untracked but not ignored\n", Files.readString(clone.resolve("notes.txt")));
                assertFalse(Files.exists(clone.resolve("target/Discount.class")), "ignored files stay out");
            }
        }
        assertEquals(before, tree(project), "the user's tree (files, index, refs) is untouched");
    }

    @Test
    void aFolderThatIsNotAGitRepositoryIsSnapshottedToo() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(plain.resolve("target"));
        Files.writeString(plain.resolve("target/junk.class"), "junk");
        Map<String, String> before = tree(plain);
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run(Map.of(), tmp, "submit", "--repo", "plain", "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            assertEquals(planner.jobId, r.out().strip(), "without --wait: the job id alone on stdout");
            assertTrue(r.err().contains("pavu watch " + planner.jobId), r.err());
            FakePlanner.Request post = planner.requests("POST", "/jobs").getFirst();
            Map<String, Multiparts.Part> parts = Multiparts.parse(post.header("Content-Type"), post.body());
            Path bundle = tmp.resolve("plain.bundle");
            Files.write(bundle, parts.get("bundle").content());
            Path clone = tmp.resolve("plain-clone");
            try (Git ignored = Git.cloneRepository().setURI(bundle.toUri().toString()).setDirectory(clone.toFile()).call()) {
                assertEquals("<project/>\n", Files.readString(clone.resolve("pom.xml")));
                assertFalse(Files.exists(clone.resolve("target")));
            }
        }
        assertEquals(before, tree(plain), "the folder is untouched");
        assertFalse(Files.exists(plain.resolve(".git")), "no repository was created in the user's folder");
    }

    @Test
    void aFileUrlIsBundledAtItsRefAndUploadedNeverSentAsAUrl() throws Exception {
        Path repo = tmp.resolve("local-repo");
        String featureCommit;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("pom.xml"), "<project>main</project>\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("main").setAuthor("T", "t@example.org").setCommitter("T", "t@example.org").setSign(false).call();
            git.checkout().setCreateBranch(true).setName("feature").call();
            Files.writeString(repo.resolve("pom.xml"), "<project>feature</project>\n");
            git.add().addFilepattern(".").call();
            featureCommit = git.commit().setMessage("feature").setAuthor("T", "t@example.org").setCommitter("T", "t@example.org")
                    .setSign(false).call().name();
            git.checkout().setName("main").call();
        }
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run(Map.of(), tmp, "submit", "--repo", repo.toUri().toString(), "--ref", "feature",
                    "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            FakePlanner.Request post = planner.requests("POST", "/jobs").getFirst();
            assertTrue(post.header("Content-Type").startsWith("multipart/form-data"), post.header("Content-Type"));
            Map<String, Multiparts.Part> parts = Multiparts.parse(post.header("Content-Type"), post.body());
            assertFalse(new String(parts.get("job").content()).contains("file:"), "no file URL reaches the planner");
            Path bundle = tmp.resolve("local.bundle");
            Files.write(bundle, parts.get("bundle").content());
            Path clone = tmp.resolve("local-clone");
            try (Git cloned = Git.cloneRepository().setURI(bundle.toUri().toString()).setDirectory(clone.toFile()).call()) {
                assertEquals(featureCommit, cloned.getRepository().resolve("HEAD").name());
                assertEquals("<project>feature</project>\n", Files.readString(clone.resolve("pom.xml")));
            }
        }
    }

    @Test
    void aGitUrlIsSentAsJson() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run("submit", "--repo", "https://git.example.org/team/lib.git", "--ref", "main",
                    "--planner", planner.url(), "--json");
            assertEquals(0, r.code(), r.toString());
            JsonNode out = FakePlanner.JSON.readTree(r.out());
            assertEquals(planner.jobId, out.get("jobId").asText());
            assertEquals("SUBMITTED", out.get("state").asText());

            FakePlanner.Request post = planner.requests("POST", "/jobs").getFirst();
            assertEquals("application/json", post.header("Content-Type"));
            JsonNode body = FakePlanner.JSON.readTree(post.body());
            assertEquals("https://git.example.org/team/lib.git", body.at("/source/gitUrl").asText());
            assertEquals("main", body.at("/source/ref").asText());
            assertEquals("make the failing tests pass", body.get("task").asText());
            assertFalse(body.has("testCommand"), "no test command given: none sent");
            assertFalse(body.has("budget"), "no limit set: the planner's defaults");
        }
    }

    @Test
    void aResultBranchIsAskedForWithItsCredentialAndWaitShowsWhereTheFixWasPushed() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            planner.resultBranch = "pavu/fix-discount";
            Cli.Run r = Cli.run("submit", "--repo", "https://git.example.org/team/lib.git", "--planner", planner.url(),
                    "--result-branch", "fix-discount", "--push-credential", "github-bot", "--wait", "--json");
            assertEquals(0, r.code(), r.toString());
            JsonNode body = FakePlanner.JSON.readTree(planner.requests("POST", "/jobs").getFirst().body());
            assertEquals("fix-discount", body.at("/resultBranch/name").asText());
            assertEquals("github-bot", body.at("/resultBranch/credential").asText());
            JsonNode result = FakePlanner.JSON.readTree(r.out());
            assertEquals(List.of("jobId", "outcome", "reason", "patch", "candidatesTried", "durationMs", "resultBranch"),
                    fieldNames(result));
            assertEquals("PUSHED", result.at("/resultBranch/state").asText());
            assertEquals(planner.resultCommit, result.at("/resultBranch/commit").asText());
        }
        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            planner.resultBranch = "pavu/fix-discount";
            Cli.Run r = Cli.run("submit", "--repo", "https://git.example.org/team/lib.git", "--planner", planner.url(),
                    "--result-branch", "fix-discount", "--push-credential", "github-bot", "--wait");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("  result branch:    pavu/fix-discount pushed, commit " + planner.resultCommit), r.out());
        }
    }

    @Test
    void aResultBranchNeedsAGitUrlAndACredential() throws Exception {
        Path project = gitProject();
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run folder = Cli.run("submit", "--repo", project.toString(), "--planner", planner.url(),
                    "--result-branch", "fix", "--push-credential", "bot");
            assertEquals(2, folder.code(), folder.toString());
            assertTrue(folder.err().contains("--result-branch needs a git URL as --repo"), folder.err());
            Cli.Run noCredential = Cli.run("submit", "--repo", "https://git.example.org/team/lib.git", "--planner",
                    planner.url(), "--result-branch", "fix");
            assertEquals(2, noCredential.code(), noCredential.toString());
            assertTrue(noCredential.err().contains("--result-branch needs --push-credential NAME"), noCredential.err());
            assertTrue(planner.requests("POST", "/jobs").isEmpty(), "nothing was submitted");
        }
    }

    @Test
    void kindModelsAndAYamlGatePolicyReachThePlanner() throws Exception {
        Path gates = tmp.resolve("gates.yaml");
        Files.writeString(gates, "linters: [checkstyle]\ntestsFirst: false\nallowTestEdits: true\n");
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run(Map.of(), tmp, "submit", "--repo", "https://git.example.org/team/lib.git",
                    "--kind", "IMPLEMENT", "--model", "proposer=coder", "--model", "explorer=small",
                    "--gates", "gates.yaml", "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            JsonNode body = FakePlanner.JSON.readTree(planner.requests("POST", "/jobs").getFirst().body());
            assertEquals("IMPLEMENT", body.get("kind").asText());
            assertEquals("coder", body.at("/models/proposer").asText());
            assertEquals("small", body.at("/models/explorer").asText());
            assertEquals("checkstyle", body.at("/gates/linters/0").asText());
            assertFalse(body.at("/gates/testsFirst").asBoolean(true));
            assertTrue(body.at("/gates/allowTestEdits").asBoolean(false));
        }
    }

    @Test
    void aFixLogJobSendsItsLogAndReproduceCommandAndReproduceNeedsFixLog() throws Exception {
        Files.writeString(tmp.resolve("crash.log"), "Exception in thread \"main\" java.lang.ArithmeticException: / by zero\n"
                + "\tat demo.Orders.average(Orders.java:15)\n");
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run(Map.of(), tmp, "submit", "--repo", "https://git.example.org/team/lib.git", "--kind", "FIX_LOG",
                    "--error-log", "crash.log", "--reproduce", "java -cp target/classes demo.Main", "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            JsonNode body = FakePlanner.JSON.readTree(planner.requests("POST", "/jobs").getFirst().body());
            assertEquals("FIX_LOG", body.get("kind").asText());
            assertEquals("java -cp target/classes demo.Main", body.get("reproduceCommand").asText());
            assertTrue(body.get("errorLog").asText().contains("at demo.Orders.average(Orders.java:15)"), body.toString());

            Cli.Run repair = Cli.run(Map.of(), tmp, "submit", "--repo", "https://git.example.org/team/lib.git",
                    "--reproduce", "java Main", "--planner", planner.url());
            assertEquals(2, repair.code(), repair.toString());
            assertTrue(repair.err().contains("--reproduce is for --kind FIX_LOG"), repair.err());
            assertEquals(1, planner.requests("POST", "/jobs").size(), "nothing sent for the usage error");
        }
    }

    @Test
    void aPriorityReachesThePlannerAndAnOutOfRangeOneIsAUsageError() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run r = Cli.run(Map.of(), tmp, "submit", "--repo", "https://git.example.org/team/lib.git",
                    "--priority", "8", "--planner", planner.url());
            assertEquals(0, r.code(), r.toString());
            JsonNode body = FakePlanner.JSON.readTree(planner.requests("POST", "/jobs").getFirst().body());
            assertEquals(8, body.get("priority").asInt());
            Cli.Run none = Cli.run(Map.of(), tmp, "submit", "--repo", "https://git.example.org/team/lib.git",
                    "--planner", planner.url());
            assertEquals(0, none.code(), none.toString());
            assertFalse(FakePlanner.JSON.readTree(planner.requests("POST", "/jobs").getLast().body()).has("priority"),
                    "no --priority: the planner's default");
            Cli.Run bad = Cli.run(Map.of(), tmp, "submit", "--repo", "https://git.example.org/team/lib.git",
                    "--priority", "12", "--planner", planner.url());
            assertEquals(2, bad.code(), bad.toString());
            assertTrue(bad.err().contains("from 0 (lowest) to 9 (highest)"), bad.err());
            assertEquals(2, planner.requests("POST", "/jobs").size(), "nothing sent for a bad priority");
        }
    }

    @Test
    void badKindsAndGateFilesAreUsageErrorsThatSayWhat() throws Exception {
        Files.writeString(tmp.resolve("gates.json"), "[\"checkstyle\"]");
        Files.writeString(tmp.resolve("broken.json"), "{\"linters\": ");
        try (FakePlanner planner = new FakePlanner()) {
            Cli.Run kind = Cli.run(Map.of(), tmp, "submit", "--repo", "https://x.org/a.git", "--kind", "PAINT", "--planner", planner.url());
            assertEquals(2, kind.code(), kind.toString());
            assertTrue(kind.err().contains("REPAIR") && kind.err().contains("FIX_LOG"), kind.err());
            Cli.Run array = Cli.run(Map.of(), tmp, "submit", "--repo", "https://x.org/a.git", "--gates", "gates.json", "--planner", planner.url());
            assertEquals(2, array.code(), array.toString());
            assertTrue(array.err().contains("--gates gates.json: expected an object"), array.err());
            Cli.Run broken = Cli.run(Map.of(), tmp, "submit", "--repo", "https://x.org/a.git", "--gates", "broken.json", "--planner", planner.url());
            assertEquals(2, broken.code(), broken.toString());
            assertTrue(broken.err().contains("--gates broken.json: not valid JSON"), broken.err());
            Cli.Run log = Cli.run(Map.of(), tmp, "submit", "--repo", "https://x.org/a.git", "--kind", "FIX_LOG", "--planner", planner.url());
            assertEquals(2, log.code(), log.toString());
            assertTrue(log.err().contains("--kind FIX_LOG needs --error-log FILE"), log.err());
            assertTrue(planner.requests("POST", "/jobs").isEmpty(), "nothing was submitted");
        }
    }

    @Test
    void aJobThatDoesNotSucceedExitsOneAndStillPrintsItsResult() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            planner.outcome = "EXHAUSTED";
            planner.reason = "no plausible patch among 3 candidates in 2 iterations";
            planner.typicalStory();
            Cli.Run r = Cli.run("submit", "--repo", "git@example.org:team/lib.git", "--planner", planner.url(), "--wait", "--json");
            assertEquals(1, r.code(), r.toString());
            JsonNode result = FakePlanner.JSON.readTree(r.out());
            assertEquals("EXHAUSTED", result.get("outcome").asText());
            assertEquals(planner.reason, result.get("reason").asText());
            assertTrue(result.get("patch").isNull(), "no patch unless SUCCEEDED");
            assertEquals(3, result.get("candidatesTried").asInt());
            assertTrue(planner.requests("GET", "/jobs/" + planner.jobId + "/patch").isEmpty(), "no patch asked for");
        }
    }

    @Test
    void withoutJsonTheWaitPrintsTheTimelineAndThePatchForPeople() throws Exception {
        try (FakePlanner planner = new FakePlanner().typicalStory()) {
            Cli.Run r = Cli.run("submit", "--repo", "https://example.org/x.git", "--planner", planner.url(), "--wait");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("verdict     FAIL    baseline: 1 of 12 tests failed: InvoiceTest#bulk (6.1 s)"), r.out());
            assertTrue(r.out().contains("plan        REPAIR: 1 suspicious location, top VolumeDiscount.java:14 (0.92), 1 failing test"), r.out());
            assertTrue(r.out().contains("job " + planner.jobId + ": SUCCEEDED"), r.out());
            assertTrue(r.out().contains("candidates tried: 3"), r.out());
            assertTrue(r.out().contains("time:             4.2 s"), r.out());
            assertTrue(r.out().contains("+        if (units >= 10) {"), r.out());
        }
    }

    @Test
    void aRefusedJobShowsThePlannersExplanationAndExitsTwo() throws Exception {
        try (FakePlanner planner = new FakePlanner()) {
            planner.submitStatus = 400;
            planner.submitBody = "{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"budget.maxCandidates must be <= 1000\"}";
            Cli.Run r = Cli.run("submit", "--repo", "https://example.org/x.git", "--planner", planner.url(), "--max-candidates", "5000");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("the planner answered 400 — budget.maxCandidates must be <= 1000"), r.toString());
        }
    }

    private Path gitProject() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("user-project"));
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Discount.java"), "public class Discount { int at = 11; }\n");
        Files.writeString(dir.resolve(".gitignore"), "target/\n");
        PersonIdent me = new PersonIdent("Test", "test@example.org");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("initial").setAuthor(me).setCommitter(me).setSign(false).call();
        }
        Files.writeString(dir.resolve("src/Discount.java"), "public class Discount { int at = 10; } // edited, not committed\n");
        Files.writeString(dir.resolve("notes.txt"), "untracked but not ignored\n");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/Discount.class"), "binary");
        return dir;
    }

    /** Every file under {@code dir} (.git included): path → SHA-256 of its bytes and its modification time. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p));
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isDirectory).forEach(d -> files.put(dir.relativize(d) + "/", "dir"));
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
