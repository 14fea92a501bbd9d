package dev.pavu.workspace.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pavu.workspace.testing.GitHttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result branches pushed to a real git server ({@code git http-backend} over HTTP with basic auth). */
class ResultBranchesTest {

    static final String SECRET = "s3cr3t-token-value";
    static final String FIX = "--- a/src/Calc.java\n+++ b/src/Calc.java\n@@ -1,3 +1,3 @@\n class Calc {\n-    int add(int a, int b) { return a - b; }\n+    int add(int a, int b) { return a + b; }\n }\n";
    static final RemotePolicy LOOPBACK = RemotePolicy.publicOnly(List.of("localhost", "127.0.0.1"));
    static final ResultBranches.Identity PAVU = new ResultBranches.Identity("Pavu", "pavu@pavu.dev");

    @TempDir
    Path tmp;
    GitHttpServer server;
    Path bare;
    Path bundle;
    String base;

    @BeforeEach
    void serve() throws Exception {
        Path work = tmp.resolve("work");
        try (Git git = TestRepos.init(work)) {
            RevCommit c = TestRepos.commit(git, "calc", Map.of("src/Calc.java",
                    "class Calc {\n    int add(int a, int b) { return a - b; }\n}\n", "README.md", "calc\n"));
            base = c.name();
        }
        Files.createDirectories(tmp.resolve("srv"));
        server = new GitHttpServer(tmp.resolve("srv"), "bot", SECRET);
        bare = server.publish("calc.git", work);
        ResolvedSource src = GitSources.fromUrl(server.url("calc.git"), "main", tmp.resolve("bundles"), Duration.ofSeconds(20),
                LOOPBACK, SourceLimits.DEFAULTS);
        bundle = src.bundle();
        assertEquals(base, src.commit());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ResultBranches.Request request(String url, String patch, String branch) {
        return new ResultBranches.Request(url, bundle, base, patch, branch, "Fix: add\n\nPavu-Job: job-1\n", PAVU,
                Instant.parse("2026-12-07T12:00:00Z"));
    }

    ResultBranches.Credential bot() {
        return new ResultBranches.Credential("bot", SECRET.toCharArray());
    }

    @Test
    void theFixIsPushedAsABranchAtTheBaseWithThePatchAppliedAndASecondPushChangesNothing() throws Exception {
        ResultBranches.Pushed first = ResultBranches.push(request(server.url("calc.git"), FIX, "pavu/fix-add"), bot(),
                LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push"));
        assertFalse(first.alreadyThere());
        assertEquals(List.of("src/Calc.java"), first.files());
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build(); RevWalk walk = new RevWalk(repo)) {
            RevCommit pushed = walk.parseCommit(repo.resolve("refs/heads/pavu/fix-add"));
            assertEquals(first.commit(), pushed.name());
            assertEquals(base, pushed.getParent(0).name());
            assertEquals("Fix: add\n\nPavu-Job: job-1\n", pushed.getFullMessage());
            assertEquals("Pavu", pushed.getAuthorIdent().getName());
            assertEquals("pavu@pavu.dev", pushed.getCommitterIdent().getEmailAddress());
            assertEquals("class Calc {\n    int add(int a, int b) { return a + b; }\n}\n", read(repo, pushed, "src/Calc.java"));
            assertEquals("calc\n", read(repo, pushed, "README.md"));
            assertEquals(base, repo.resolve("refs/heads/main").name(), "main is untouched");
        }
        ResultBranches.Pushed again = ResultBranches.push(request(server.url("calc.git"), FIX, "pavu/fix-add"), bot(),
                LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push"));
        assertTrue(again.alreadyThere(), "the same job makes the same commit: the second push finds it there");
        assertEquals(first.commit(), again.commit());
        assertTrue(server.authorizations().stream().noneMatch(a -> a.contains(SECRET)), "basic auth is base64, never clear");
    }

    @Test
    void aBranchHoldingOtherCommitsIsNeverOverwritten() throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
            var u = repo.updateRef("refs/heads/pavu/taken");
            u.setNewObjectId(repo.resolve(base));
            u.update();
        }
        var e = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                request(server.url("calc.git"), FIX, "pavu/taken"), bot(), LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
        assertTrue(e.getMessage().contains("already exists on " + server.url("calc.git") + " with other commits"), e.getMessage());
        assertFalse(e.retryable());
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
            assertEquals(base, repo.resolve("refs/heads/pavu/taken").name());
        }
    }

    @Test
    void aWrongOrMissingCredentialFailsSayingSoWithoutTheSecret() {
        var wrong = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                request(server.url("calc.git"), FIX, "pavu/x"), new ResultBranches.Credential("bot", "nope".toCharArray()),
                LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
        assertTrue(wrong.getMessage().contains("refused the credential"), wrong.getMessage());
        assertFalse(wrong.retryable());
        var none = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                request(server.url("calc.git"), FIX, "pavu/x"), null, LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
        assertTrue(none.getMessage().contains("refused the credential") || none.getMessage().contains("authentication"),
                none.getMessage());
        assertFalse(wrong.getMessage().contains("nope"));
    }

    @Test
    void aPatchThatDoesNotApplyOrWritesIntoGitFailsWithTheReason() {
        String stale = FIX.replace("return a - b;", "return a * b;");
        var e = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                request(server.url("calc.git"), stale, "pavu/x"), bot(), LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
        assertTrue(e.getMessage().startsWith("the patch does not apply to the base commit " + base), e.getMessage());
        String hostile = "--- /dev/null\n+++ b/.git/hooks/post-checkout\n@@ -0,0 +1 @@\n+echo owned\n";
        var h = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                request(server.url("calc.git"), hostile, "pavu/x"), bot(), LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
        assertTrue(h.getMessage().contains("'.git/hooks/post-checkout' is inside .git/"), h.getMessage());
        assertTrue(server.authorizations().isEmpty(), "nothing was sent: the commit is built before connecting");
    }

    @Test
    void aPatchCannotWriteThroughASymbolicLinkOfTheBase() throws Exception {
        Path work = tmp.resolve("linked");
        try (Git git = TestRepos.init(work)) {
            Files.createDirectories(work.resolve("src"));
            Files.writeString(work.resolve("src/A.java"), "class A {}\n");
            Files.createSymbolicLink(work.resolve("out"), tmp.resolve("outside"));
            git.add().addFilepattern(".").call();
            base = git.commit().setMessage("link").setAuthor("T", "t@example.com").setCommitter("T", "t@example.com")
                    .setSign(false).call().name();
        }
        server.publish("linked.git", work);
        bundle = GitSources.fromUrl(server.url("linked.git"), "main", tmp.resolve("bundles2"), Duration.ofSeconds(20),
                LOOPBACK, SourceLimits.DEFAULTS).bundle();
        String through = "--- /dev/null\n+++ b/out/evil.sh\n@@ -0,0 +1 @@\n+echo owned\n";
        var e = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                request(server.url("linked.git"), through, "pavu/x"), bot(), LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
        assertTrue(e.getMessage().startsWith("the patch does not apply to the base commit " + base), e.getMessage());
        assertTrue(e.getMessage().contains("link"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("outside/evil.sh")));
    }

    @Test
    void aUrlWithItsOwnUserInfoIsNeverCombinedWithTheCredential() {
        String url = server.url("calc.git").replace("http://", "http://someone:pw@");
        var e = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                request(url, FIX, "pavu/x"), bot(), LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        assertTrue(server.authorizations().isEmpty());
    }

    @Test
    void aServerRedirectingToAnotherHostNeverReceivesTheCredential() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        HttpServer redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirector.createContext("/", ex -> {
            try (ex) {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                seen.add(String.valueOf(auth));
                if (auth == null) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"r\"");
                    ex.sendResponseHeaders(401, -1);
                } else {
                    ex.getResponseHeaders().add("Location", "http://localhost:" + server.port() + ex.getRequestURI());
                    ex.sendResponseHeaders(302, -1);
                }
            }
        });
        redirector.start();
        try {
            String url = "http://127.0.0.1:" + redirector.getAddress().getPort() + "/calc.git";
            var e = assertThrows(ResultBranches.PushException.class, () -> ResultBranches.push(
                    request(url, FIX, "pavu/x"), bot(), LOOPBACK, Duration.ofSeconds(20), tmp.resolve("push")));
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertTrue(e.getMessage().contains("redirected elsewhere"), e.getMessage());
            assertFalse(e.retryable());
            assertTrue(seen.stream().anyMatch(a -> a.startsWith("Basic ")), "the redirect came after authenticating: " + seen);
            assertTrue(server.authorizations().isEmpty(), "the other host got no credentials: " + server.authorizations());
            try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
                assertNull(repo.resolve("refs/heads/pavu/x"));
            }
        } finally {
            redirector.stop(0);
        }
    }

    @Test
    void failuresAreToldApartByWhatTheServerSaidNotByDigitsOfThePort() {
        var req = request("http://localhost:40101/calc.git", FIX, "pavu/x");
        var refused = ResultBranches.transportFailure(req, new org.eclipse.jgit.errors.TransportException(
                "http://localhost:40101/calc.git: connection refused"));
        assertTrue(refused.retryable(), refused.getMessage());
        var forbidden = ResultBranches.transportFailure(req, new org.eclipse.jgit.errors.TransportException(
                "http://localhost:40101/calc.git: 403 Forbidden"));
        assertFalse(forbidden.retryable());
        assertTrue(forbidden.getMessage().startsWith("the server refused the credential"), forbidden.getMessage());
    }

    @Test
    void theSecretIsScrubbedFromEveryMessage() {
        assertEquals("token *** refused", ResultBranches.scrub("token " + SECRET + " refused", SECRET.toCharArray()));
        assertFalse(new ResultBranches.Credential("bot", SECRET.toCharArray()).toString().contains(SECRET));
    }

    private static String read(Repository repo, RevCommit c, String path) throws Exception {
        try (TreeWalk w = TreeWalk.forPath(repo, path, c.getTree())) {
            return new String(repo.open(w.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
