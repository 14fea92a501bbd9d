package dev.pavu.workspace.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZipSourcesTest {

    @TempDir
    Path tmp;

    private Path zip(Map<String, byte[]> entries) throws IOException {
        Path z = tmp.resolve("upload-" + System.nanoTime() + ".zip");
        try (OutputStream f = Files.newOutputStream(z); ZipOutputStream out = new ZipOutputStream(f)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return z;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> checkout(ResolvedSource s) throws IOException {
        SourceCache cache = new SourceCache(tmp.resolve("cache"), sha -> Files.newInputStream(s.bundle()));
        return TestRepos.contents(cache.checkout(s.sha256(), s.commit(), tmp.resolve("out")));
    }

    @Test
    void aZippedFolderBecomesTheProjectRootWithoutBuildOutputOrMacJunk() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("shop/", new byte[0]);
        entries.put("shop/pom.xml", text("<project/>\n"));
        entries.put("shop/src/main/java/A.java", text("class A {}\n"));
        entries.put("shop/target/classes/A.class", text("junk"));
        entries.put("__MACOSX/shop/._pom.xml", text("junk"));
        ResolvedSource s = ZipSources.fromZip(zip(entries), tmp.resolve("work"), SourceLimits.DEFAULTS);
        assertEquals(Map.of("pom.xml", "<project/>\n", "src/main/java/A.java", "class A {}\n"), checkout(s));
        assertTrue(Files.isRegularFile(s.bundle()));
        try (var left = Files.list(tmp.resolve("work"))) {
            assertEquals(1, left.count(), "only the bundle is left in the work directory");
        }
    }

    @Test
    void namesThatLeaveTheProjectOrTouchGitAreRefusedBeforeAnythingIsWritten() throws Exception {
        for (String bad : new String[] {"../evil.sh", "shop/../../evil.sh", "/etc/cron.d/evil", "shop/.git/hooks/post-checkout",
                "C:/evil", "shop\\..\\evil"}) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put(bad, text("touch /tmp/owned\n"));
            Path work = tmp.resolve("w-" + Math.abs(bad.hashCode()));
            SourceException e = assertThrows(SourceException.class, () -> ZipSources.fromZip(zip(entries), work, SourceLimits.DEFAULTS), bad);
            assertTrue(e.getMessage().contains("outside the project or inside .git"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("evil.sh")));
            try (var left = Files.list(work)) {
                assertEquals(0, left.count(), "nothing is kept of a refused archive: " + bad);
            }
        }
    }

    @Test
    void aZipBombStopsAtTheLimitCountedWhileInflating() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("big.txt", new byte[8 << 20]); // 8 MiB of zeros compress to a few KiB
        Path z = zip(entries);
        assertTrue(Files.size(z) < 100_000, "the archive itself is small: " + Files.size(z));
        SourceLimits limits = new SourceLimits(100, 4L << 20, 1L << 20, 10, Duration.ofSeconds(30));
        SourceLimits.ExceededException e = assertThrows(SourceLimits.ExceededException.class,
                () -> ZipSources.fromZip(z, tmp.resolve("work"), limits));
        assertEquals(SourceLimits.Limit.BLOB_BYTES, e.limit());
        assertTrue(e.getMessage().contains("pavu.sources.max-blob-bytes"), e.getMessage());
    }

    @Test
    void tooManyFilesAndNonZipsAreRefusedWithAReason() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            entries.put("f" + i + ".txt", text("x"));
        }
        SourceLimits limits = new SourceLimits(10, 1L << 20, 1L << 20, 10, Duration.ofSeconds(30));
        SourceLimits.ExceededException many = assertThrows(SourceLimits.ExceededException.class,
                () -> ZipSources.fromZip(zip(entries), tmp.resolve("w1"), limits));
        assertEquals(SourceLimits.Limit.FILES, many.limit());

        Path notZip = Files.writeString(tmp.resolve("x.zip"), "PK but not really a zip");
        SourceException bad = assertThrows(SourceException.class, () -> ZipSources.fromZip(notZip, tmp.resolve("w2"), limits));
        assertTrue(bad.getMessage().contains("not a readable zip archive"), bad.getMessage());
    }
}
