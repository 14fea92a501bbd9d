package dev.pavu.workspace.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCacheTest {

    @TempDir
    Path tmp;
    RevCommit first;
    RevCommit second;
    ResolvedSource source;
    AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void bundle() throws Exception {
        Path origin = tmp.resolve("origin");
        try (Git git = TestRepos.init(origin)) {
            first = TestRepos.commit(git, "first", Map.of("README.md", "v1\n", "src/A.java", "class A {}\n", "gone.txt", "x\n"));
            Path script = origin.resolve("run.sh");
            Files.writeString(script, "#!/bin/sh\necho hi\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createSymbolicLink(origin.resolve("link"), Path.of("README.md"));
            git.rm().addFilepattern("gone.txt").call();
            second = TestRepos.commit(git, "second", Map.of("README.md", "v2\n", "docs/guide.md", "guide\n"));
        }
        source = GitSources.fromUrl(origin.toString(), null, tmp.resolve("planner"));
    }

    private SourceCache cache() {
        return new SourceCache(tmp.resolve("cache"), sha -> {
            fetches.incrementAndGet();
            assertEquals(source.sha256(), sha);
            return Files.newInputStream(source.bundle());
        });
    }

    @Test
    void checksOutEachCommitWithoutGitAndFetchesOnce() throws IOException {
        SourceCache cache = cache();
        Path one = cache.checkout(source.sha256(), first.name(), tmp.resolve("one"));
        assertEquals(Map.of("README.md", "v1\n", "src/A.java", "class A {}\n", "gone.txt", "x\n"), TestRepos.contents(one));
        assertFalse(Files.exists(one.resolve(".git")));

        Path two = cache.checkout(source.sha256(), second.name(), tmp.resolve("two"));
        assertEquals(Map.of("README.md", "v2\n", "src/A.java", "class A {}\n", "docs/guide.md", "guide\n",
                "run.sh", "#!/bin/sh\necho hi\n", "link", "-> README.md"), TestRepos.contents(two));
        assertTrue(Files.isExecutable(two.resolve("run.sh")));
        assertEquals(1, fetches.get(), "the bundle is fetched once");
    }

    @Test
    void checkoutsAreWritableAndIndependent() throws IOException {
        SourceCache cache = cache();
        Path a = cache.checkout(source.sha256(), second.name(), tmp.resolve("a"));
        Files.writeString(a.resolve("README.md"), "edited\n");
        Files.delete(a.resolve("src/A.java"));
        Path b = cache.checkout(source.sha256(), second.name(), tmp.resolve("b"));
        assertEquals("v2\n", Files.readString(b.resolve("README.md")), "the pristine copy is untouched");
        assertTrue(Files.exists(b.resolve("src/A.java")));
    }

    @Test
    void keepGitGivesADetachedHeadAtTheCommit() throws Exception {
        Path g = cache().checkout(source.sha256(), first.name(), tmp.resolve("g"), true);
        assertTrue(Files.isDirectory(g.resolve(".git")));
        try (Repository repo = new FileRepositoryBuilder().setGitDir(g.resolve(".git").toFile()).build();
             Git git = new Git(repo)) {
            assertEquals(first.name(), repo.resolve("HEAD").name());
            assertTrue(git.status().call().isClean(), "the working tree matches the commit");
            assertTrue(repo.getRemoteNames().isEmpty(), "no remote points into the cache");
        }
        assertEquals("v1\n", Files.readString(g.resolve("README.md")));
    }

    @Test
    void refusesAFetchWhoseShaDoesNotMatch() throws IOException {
        SourceCache bad = new SourceCache(tmp.resolve("cache"), sha -> new ByteArrayInputStream("not the bundle".getBytes()));
        SourceException e = assertThrows(SourceException.class, () -> bad.checkout(source.sha256(), first.name(), tmp.resolve("x")));
        assertTrue(e.getMessage().contains("the bundle fetched for sha256 " + source.sha256() + " has sha256 ")
                && e.getMessage().contains("refused and not cached"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache/bundles/" + source.sha256() + ".bundle")));
        try (var left = Files.list(tmp.resolve("cache/bundles"))) {
            assertEquals(0, left.count(), "no temporary file is left");
        }
        // the same cache directory works once the right bytes arrive
        Path ok = cache().checkout(source.sha256(), first.name(), tmp.resolve("x"));
        assertEquals("v1\n", Files.readString(ok.resolve("README.md")));
    }

    @Test
    void reportsFetchFailuresUnknownCommitsAndBadArguments() throws IOException {
        SourceCache failing = new SourceCache(tmp.resolve("c2"), sha -> {
            throw new IOException("connection refused");
        });
        SourceException fetch = assertThrows(SourceException.class, () -> failing.checkout(source.sha256(), first.name(), tmp.resolve("f")));
        assertTrue(fetch.getMessage().contains("cannot fetch bundle") && fetch.getMessage().contains("connection refused"), fetch.getMessage());

        SourceCache cache = cache();
        String unknown = "0123456789012345678901234567890123456789";
        SourceException missing = assertThrows(SourceException.class, () -> cache.checkout(source.sha256(), unknown, tmp.resolve("u")));
        assertTrue(missing.getMessage().contains("commit " + unknown + " is not in the bundle"), missing.getMessage());

        SourceException badSha = assertThrows(SourceException.class, () -> cache.checkout("../../etc", first.name(), tmp.resolve("v")));
        assertTrue(badSha.getMessage().contains("malformed bundle sha256"), badSha.getMessage());
        SourceException badCommit = assertThrows(SourceException.class, () -> cache.checkout(source.sha256(), "main", tmp.resolve("v")));
        assertTrue(badCommit.getMessage().contains("malformed commit id"), badCommit.getMessage());

        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        SourceException notEmpty = assertThrows(SourceException.class, () -> cache.checkout(source.sha256(), first.name(), full));
        assertTrue(notEmpty.getMessage().contains("is not an empty directory"), notEmpty.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(empty, cache.checkout(source.sha256(), first.name(), empty));
    }

    @Test
    void concurrentCheckoutsShareOneFetchAndOnePristine() throws Exception {
        SourceCache cache = cache();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int k = 0; k < 16; k++) {
                Path target = tmp.resolve("c" + k);
                String commit = k % 2 == 0 ? first.name() : second.name();
                results.add(pool.submit(() -> cache.checkout(source.sha256(), commit, target)));
            }
            for (int k = 0; k < results.size(); k++) {
                Path p = results.get(k).get();
                assertEquals(k % 2 == 0 ? "v1\n" : "v2\n", Files.readString(p.resolve("README.md")));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get());
        try (var pristine = Files.list(tmp.resolve("cache/pristine/" + source.sha256()))) {
            assertEquals(2, pristine.count());
        }
    }
}
