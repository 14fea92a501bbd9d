package dev.pavu.workspace.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pavu.workspace.source.GitBombs.Entry;
import dev.pavu.workspace.source.SourceLimits.ExceededException;
import dev.pavu.workspace.source.SourceLimits.Limit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile repositories against {@link SourceLimits}: refused on bundle import and on checkout, before any file is written. */
class SourceLimitsTest {

    @TempDir
    Path tmp;

    private interface TreeMaker {
        ObjectId make(ObjectInserter ins) throws Exception;
    }

    /** A bundle of one commit holding the tree the maker builds. */
    private ResolvedSource bundleOf(TreeMaker maker) throws Exception {
        try (Repository repo = GitBombs.bare(tmp.resolve("hostile-" + System.nanoTime()));
             ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId commit = GitBombs.commit(repo, ins, maker.make(ins));
            return GitBombs.bundle(repo, commit, tmp.resolve("made"));
        }
    }

    private static SourceLimits limits(int files, long total, long blob, int depth) {
        return new SourceLimits(files, total, blob, depth, Duration.ofSeconds(30));
    }

    private static long filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aClassicGitBombIsRefusedOnImportWithTheDefaultLimitsQuickly() throws Exception {
        // 10 levels of 10 directories sharing one tree: 10^11 files from 12 objects, a bundle of a few kilobytes
        ResolvedSource bomb = bundleOf(ins -> GitBombs.bomb(ins, 10, 10));
        assertTrue(bomb.sizeBytes() < 10_000, "the bomb is small: " + bomb.sizeBytes());
        long start = System.nanoTime();
        ExceededException e = assertThrows(ExceededException.class,
                () -> GitSources.fromBundle(bomb.bundle(), null, tmp.resolve("planner"), SourceLimits.DEFAULTS));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Limit.FILES, e.limit());
        assertTrue(e.getMessage().contains("more than 100000 files") && e.getMessage().contains("pavu.sources.max-files=100000")
                && e.getMessage().contains("PAVU_SOURCES_MAX_FILES"), e.getMessage());
        assertTrue(ms < 20_000, "refused in " + ms + " ms");
        try (Stream<Path> left = Files.list(tmp.resolve("planner"))) {
            assertEquals(0, left.count(), "nothing of the refused bundle is kept");
        }
    }

    @Test
    void aGitBombIsRefusedOnCheckoutBeforeAnyFileIsWritten() throws Exception {
        ResolvedSource bomb = bundleOf(ins -> GitBombs.bomb(ins, 4, 10)); // 100 000 files
        SourceCache cache = new SourceCache(tmp.resolve("cache"), sha -> Files.newInputStream(bomb.bundle()),
                limits(1_000, 1L << 30, 1L << 20, 64));
        Path target = tmp.resolve("checkout");
        ExceededException e = assertThrows(ExceededException.class, () -> cache.checkout(bomb.sha256(), bomb.commit(), target));
        assertEquals(Limit.FILES, e.limit());
        assertTrue(e.getMessage().contains("more than 1000 files") && e.getMessage().contains("pavu.sources.max-files=1000"),
                e.getMessage());
        assertEquals(0, filesUnder(tmp.resolve("cache").resolve("pristine")), "no file of the bomb was written");
        assertEquals(0, filesUnder(target));
    }

    @Test
    void manyFilesOverALoweredLimitAreRefusedAndUnderItAccepted() throws Exception {
        ResolvedSource many = bundleOf(ins -> GitBombs.flat(ins, 50));
        ExceededException e = assertThrows(ExceededException.class,
                () -> GitSources.fromBundle(many.bundle(), null, tmp.resolve("p1"), limits(49, 1L << 30, 1L << 20, 64)));
        assertEquals(Limit.FILES, e.limit());
        assertTrue(e.getMessage().contains("more than 49 files"), e.getMessage());
        ResolvedSource ok = GitSources.fromBundle(many.bundle(), null, tmp.resolve("p2"), limits(50, 1L << 30, 1L << 20, 64));
        assertEquals(many.commit(), ok.commit());
        Path target = new SourceCache(tmp.resolve("cache"), sha -> Files.newInputStream(many.bundle()), limits(50, 1L << 30, 1L << 20, 64))
                .checkout(many.sha256(), many.commit(), tmp.resolve("co"));
        assertEquals(50, filesUnder(target));
    }

    @Test
    void anOversizedBlobIsRefusedNamingTheFileItsSizeAndTheSetting() throws Exception {
        // sorted: Map.of iterates in an order that changes from one JVM to the next, and an unsorted tree is refused
        ResolvedSource big = bundleOf(ins -> GitBombs.tree(ins, new TreeMap<>(Map.of(
                "huge.bin", new Entry(FileMode.REGULAR_FILE, GitBombs.blob(ins, new byte[5_000])),
                "small.txt", new Entry(FileMode.REGULAR_FILE, GitBombs.blob(ins, "ok\n"))))));
        SourceLimits lowered = limits(100, 1L << 30, 4_096, 64);
        ExceededException onImport = assertThrows(ExceededException.class,
                () -> GitSources.fromBundle(big.bundle(), null, tmp.resolve("p"), lowered));
        assertEquals(Limit.BLOB_BYTES, onImport.limit());
        assertTrue(onImport.getMessage().contains("huge.bin of 5000 bytes")
                && onImport.getMessage().contains("pavu.sources.max-blob-bytes=4096"), onImport.getMessage());
        SourceCache cache = new SourceCache(tmp.resolve("cache"), sha -> Files.newInputStream(big.bundle()), lowered);
        ExceededException onCheckout = assertThrows(ExceededException.class,
                () -> cache.checkout(big.sha256(), big.commit(), tmp.resolve("co")));
        assertEquals(Limit.BLOB_BYTES, onCheckout.limit());
        assertEquals(0, filesUnder(tmp.resolve("cache").resolve("pristine")));
    }

    @Test
    void theTotalOfManyModestFilesIsCapped() throws Exception {
        ResolvedSource bundle = bundleOf(ins -> {
            Map<String, Entry> files = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                files.put("f" + i, new Entry(FileMode.REGULAR_FILE, GitBombs.blob(ins, new byte[1_000 + i])));
            }
            return GitBombs.tree(ins, files);
        });
        ExceededException e = assertThrows(ExceededException.class,
                () -> GitSources.fromBundle(bundle.bundle(), null, tmp.resolve("p"), limits(100, 5_000, 4_096, 64)));
        assertEquals(Limit.TOTAL_BYTES, e.limit());
        assertTrue(e.getMessage().contains("more than 5000 bytes") && e.getMessage().contains("max-total-bytes"), e.getMessage());
    }

    @Test
    void aPathNestedTooDeepIsRefused() throws Exception {
        ResolvedSource deep = bundleOf(ins -> GitBombs.deep(ins, 12));
        ExceededException e = assertThrows(ExceededException.class,
                () -> GitSources.fromBundle(deep.bundle(), null, tmp.resolve("p"), limits(100, 1L << 30, 4_096, 8)));
        assertEquals(Limit.DEPTH, e.limit());
        assertTrue(e.getMessage().contains("deeper than 8 directories") && e.getMessage().contains("pavu.sources.max-depth=8"),
                e.getMessage());
        ResolvedSource ok = GitSources.fromBundle(deep.bundle(), null, tmp.resolve("p2"), limits(100, 1L << 30, 4_096, 13));
        assertEquals(deep.commit(), ok.commit());
    }

    @Test
    void theCheckTimesOutOnAHugeTreeWithAGenerousFileLimit() throws Exception {
        ResolvedSource bomb = bundleOf(ins -> GitBombs.bomb(ins, 10, 10));
        SourceLimits slow = new SourceLimits(Integer.MAX_VALUE, Long.MAX_VALUE, 1L << 20, 64, Duration.ofMillis(300));
        long start = System.nanoTime();
        ExceededException e = assertThrows(ExceededException.class,
                () -> GitSources.fromBundle(bomb.bundle(), null, tmp.resolve("p"), slow));
        assertEquals(Limit.TIME, e.limit());
        assertTrue(e.getMessage().contains("pavu.sources.timeout"), e.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "stopped soon after the deadline");
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SourceLimits(0, 1, 1, 1, Duration.ofSeconds(1)));
        assertFalse(SourceLimits.DEFAULTS.maxFiles() < 100_000);
    }
}
