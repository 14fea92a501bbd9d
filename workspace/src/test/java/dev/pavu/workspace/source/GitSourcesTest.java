package dev.pavu.workspace.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourcesTest {

    @TempDir
    Path tmp;
    Path origin;
    Path work;
    RevCommit first;
    RevCommit second;

    @BeforeEach
    void repository() throws Exception {
        origin = tmp.resolve("origin");
        work = tmp.resolve("work");
        try (Git git = TestRepos.init(origin)) {
            first = TestRepos.commit(git, "first", Map.of("README.md", "v1\n", "src/A.java", "class A {}\n"));
            git.tag().setName("v1").setAnnotated(true).setMessage("release 1").setSigned(false).call();
            second = TestRepos.commit(git, "second", Map.of("README.md", "v2\n"));
            git.branchCreate().setName("feature").setStartPoint(first).call();
        }
    }

    @Test
    void clonesLocalPathAtDefaultHeadAndWritesContentAddressedBundle() throws Exception {
        ResolvedSource source = GitSources.fromUrl(origin.toString(), null, work);
        assertEquals(second.name(), source.commit());
        assertEquals(work.resolve(source.sha256() + ".bundle"), source.bundle());
        assertEquals(TestRepos.sha(Files.readAllBytes(source.bundle())), source.sha256());
        assertEquals(Files.size(source.bundle()), source.sizeBytes());
        String header = new String(Files.readAllBytes(source.bundle()), StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("# v2 git bundle\n" + second.name() + " HEAD\n"), header.substring(0, 120));
        assertTrue(header.contains(second.name() + " refs/heads/main\n"));
        try (var files = Files.list(work)) {
            assertEquals(List.of(source.bundle()), files.toList(), "the temporary clone is removed");
        }
    }

    @Test
    void resolvesBranchTagAndCommitThroughFileUrl() {
        String url = origin.toUri().toString();
        assertTrue(url.startsWith("file:/"));
        assertEquals(first.name(), GitSources.fromUrl(url, "feature", work).commit());
        assertEquals(first.name(), GitSources.fromUrl(url, "v1", work).commit(), "an annotated tag is peeled to its commit");
        assertEquals(first.name(), GitSources.fromUrl(url, "refs/tags/v1", work).commit());
        assertEquals(first.name(), GitSources.fromUrl(url, first.name(), work).commit());
        assertEquals(first.name(), GitSources.fromUrl(url, first.name().substring(0, 10), work).commit());
        assertEquals(second.name(), GitSources.fromUrl(url, "main", work).commit());
    }

    @Test
    void unknownRefFailsWithTheAvailableRefs() {
        SourceException e = assertThrows(SourceException.class, () -> GitSources.fromUrl(origin.toString(), "nope", work));
        assertTrue(e.getMessage().contains("ref 'nope' is not in") && e.getMessage().contains("[feature, main, v1]"), e.getMessage());
    }

    @Test
    void unreachableUrlFailsFastWithAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        SourceException e = assertThrows(SourceException.class,
                () -> GitSources.fromUrl("http://127.0.0.1:" + closedPort + "/repo.git", "main", work));
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertTrue(e.getMessage().startsWith("cannot clone http://127.0.0.1:" + closedPort + "/repo.git: ")
                && e.getMessage().contains("reachable git repository"), e.getMessage());
    }

    @Test
    void silentServerIsAbandonedAfterTheTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(server.accept()); // accept and never answer
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            long start = System.nanoTime();
            SourceException e = assertThrows(SourceException.class, () -> GitSources.fromUrl(
                    "http://127.0.0.1:" + server.getLocalPort() + "/slow.git", null, work, Duration.ofSeconds(2)));
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertTrue(seconds < 20, "took " + seconds + " s");
            assertTrue(e.getMessage().contains("no answer within 2 s") || e.getMessage().contains("took longer than"), e.getMessage());
            acceptor.interrupt();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void refusesSshMissingPathsAndUnknownSchemes() {
        SourceException ssh = assertThrows(SourceException.class, () -> GitSources.fromUrl("git@github.com:org/repo.git", null, work));
        assertTrue(ssh.getMessage().contains("ssh URLs") && ssh.getMessage().contains("https://"), ssh.getMessage());
        SourceException ssh2 = assertThrows(SourceException.class, () -> GitSources.fromUrl("ssh://host/repo.git", null, work));
        assertTrue(ssh2.getMessage().contains("ssh URLs"), ssh2.getMessage());
        SourceException missing = assertThrows(SourceException.class, () -> GitSources.fromUrl(tmp.resolve("nothing").toString(), null, work));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        SourceException scheme = assertThrows(SourceException.class, () -> GitSources.fromUrl("ftp://host/repo", null, work));
        assertTrue(scheme.getMessage().contains("unsupported URL scheme"), scheme.getMessage());
        SourceException notRepo = assertThrows(SourceException.class, () -> GitSources.fromUrl(tmp.toString(), null, work));
        assertTrue(notRepo.getMessage().startsWith("cannot clone"), notRepo.getMessage());
    }

    @Test
    void bundleRoundTripsThroughFromBundle() {
        ResolvedSource fromUrl = GitSources.fromUrl(origin.toString(), "feature", work);
        Path other = tmp.resolve("other");
        ResolvedSource again = GitSources.fromBundle(fromUrl.bundle(), null, other);
        assertEquals(first.name(), again.commit(), "HEAD of the bundle");
        assertEquals(fromUrl.sha256(), again.sha256());
        assertEquals(other.resolve(fromUrl.sha256() + ".bundle"), again.bundle(), "copied into the work directory");
        assertEquals(first.name(), GitSources.fromBundle(fromUrl.bundle(), "feature", other).commit());
        assertEquals(first.name(), GitSources.fromBundle(fromUrl.bundle(), first.name(), work).commit());
        SourceException e = assertThrows(SourceException.class, () -> GitSources.fromBundle(fromUrl.bundle(), "main", work));
        assertTrue(e.getMessage().contains("ref 'main' is not in bundle") && e.getMessage().contains("[feature]"), e.getMessage());
    }

    @Test
    void refusesFilesThatAreNotBundles() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.bundle"), "hello\n");
        SourceException e = assertThrows(SourceException.class, () -> GitSources.fromBundle(junk, null, work));
        assertTrue(e.getMessage().contains("is not a git bundle"), e.getMessage());
        SourceException missing = assertThrows(SourceException.class, () -> GitSources.fromBundle(tmp.resolve("none"), null, work));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path truncated = tmp.resolve("truncated.bundle");
        byte[] full = Files.readAllBytes(GitSources.fromUrl(origin.toString(), null, work).bundle());
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length / 2 + 60));
        SourceException broken = assertThrows(SourceException.class, () -> GitSources.fromBundle(truncated, null, tmp.resolve("w2")));
        assertTrue(broken.getMessage().contains("cannot be read"), broken.getMessage());
    }

    /** Bundles made by the git CLI: several refs without HEAD need a ref; a range bundle is incomplete. */
    @Test
    void nativeGitBundles() throws Exception {
        if (!gitAvailable()) {
            return;
        }
        Path two = tmp.resolve("two.bundle");
        run(origin, "git", "bundle", "create", two.toString(), "main", "feature");
        SourceException ambiguous = assertThrows(SourceException.class, () -> GitSources.fromBundle(two, null, work));
        assertTrue(ambiguous.getMessage().contains("no HEAD and several refs [feature, main]"), ambiguous.getMessage());
        assertEquals(second.name(), GitSources.fromBundle(two, "main", work).commit());

        Path range = tmp.resolve("range.bundle");
        run(origin, "git", "bundle", "create", range.toString(), "feature..main");
        SourceException incomplete = assertThrows(SourceException.class, () -> GitSources.fromBundle(range, "main", work));
        assertTrue(incomplete.getMessage().contains("is incomplete"), incomplete.getMessage());

        // and git accepts our bundles
        ResolvedSource ours = GitSources.fromUrl(origin.toString(), null, work);
        Path cloned = tmp.resolve("cloned");
        run(tmp, "git", "clone", "-q", ours.bundle().toString(), cloned.toString());
        assertEquals("v2\n", Files.readString(cloned.resolve("README.md")));
    }

    static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }
}
