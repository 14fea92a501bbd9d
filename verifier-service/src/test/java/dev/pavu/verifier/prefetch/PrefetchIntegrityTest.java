package dev.pavu.verifier.prefetch;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staging repository and its promotion, against a loopback HTTP server that plays the configured remote
 * repository: a download whose checksum does not match fails and NOTHING reaches the shared repository; verified
 * downloads do; promotion never overwrites, merges Maven's tracking files, follows no link; poms behind symbolic
 * links are not read.
 */
class PrefetchIntegrityTest {

    @TempDir
    static Path tmp;
    static HttpServer server;
    static String url;

    @BeforeAll
    static void serve() throws IOException {
        Path remote = tmp.resolve("remote");
        artifact(remote, "good", "good jar".getBytes(StandardCharsets.UTF_8), true);
        artifact(remote, "bad", "tampered jar".getBytes(StandardCharsets.UTF_8), false);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath().substring(1);
            if (path.startsWith("slow/")) {
                // a repository that answers every request after 2 s
                path = path.substring("slow/".length());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Path f = remote.resolve(path).normalize();
            byte[] body = f.startsWith(remote) && Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod()) || body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, "HEAD".equals(ex.getRequestMethod()) ? -1 : body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** test.x:{name}:1.0 with a pom and a jar; the jar's .sha1 is wrong unless {@code honest}. */
    private static void artifact(Path remote, String name, byte[] jar, boolean honest) throws IOException {
        Path dir = Files.createDirectories(remote.resolve("test/x/" + name + "/1.0"));
        byte[] pom = ("<project><modelVersion>4.0.0</modelVersion><groupId>test.x</groupId><artifactId>" + name
                + "</artifactId><version>1.0</version></project>").getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(name + "-1.0.pom"), pom);
        Files.writeString(dir.resolve(name + "-1.0.pom.sha1"), sha1(pom));
        Files.write(dir.resolve(name + "-1.0.jar"), jar);
        Files.writeString(dir.resolve(name + "-1.0.jar.sha1"), honest ? sha1(jar) : sha1("the original jar".getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path project(String name, String... deps) throws IOException {
        StringBuilder d = new StringBuilder();
        for (String a : deps) {
            d.append("<dependency><groupId>test.x</groupId><artifactId>").append(a).append("</artifactId><version>1.0</version></dependency>");
        }
        return SmallProjects.write(tmp.resolve(name), Map.of("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><groupId>demo</groupId><artifactId>%s</artifactId><version>1.0</version>
                <packaging>pom</packaging><dependencies>%s</dependencies></project>
                """.formatted(name, d)));
    }

    private static DependencyPrefetch prefetch() {
        return new DependencyPrefetch(List.of("local=" + url), MavenDefaults.of(Optional.of(MavenDefaults.BUILT_IN), Optional.empty()),
                "5.11.4", DependencyPrefetch.systemProperties(Path.of(System.getProperty("java.home")), Map.of()));
    }

    @Test
    void nothingIsPromotedWhenTheTimeIsUp() throws Exception {
        Path shared = tmp.resolve("shared-slow");
        DependencyPrefetch slow = new DependencyPrefetch(List.of("slow=" + url + "slow/"),
                MavenDefaults.of(Optional.of(MavenDefaults.BUILT_IN), Optional.empty()), "5.11.4",
                DependencyPrefetch.systemProperties(Path.of(System.getProperty("java.home")), Map.of()));
        long t0 = System.nanoTime();
        Path project = project("uses-slow", "good");
        assertThrows(InterruptedException.class, () -> slow.run(project, shared, tmp.resolve("work-slow"), List.of(), Duration.ofMillis(1500)));
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "the limit was not kept");
        assertEquals(List.of(), files(shared), "files were promoted after the limit");
        // the same with time enough: promoted (so the test can fail)
        PrefetchReport r = slow.run(project, shared, tmp.resolve("work-slow2"), List.of(), Duration.ofMinutes(2));
        assertTrue(r.promoted() && Files.isRegularFile(shared.resolve("test/x/good/1.0/good-1.0.jar")), r.note());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void verifiedDownloadsReachTheSharedRepository() throws Exception {
        Path shared = tmp.resolve("shared-good");
        PrefetchReport r = prefetch().run(project("uses-good", "good"), shared, tmp.resolve("work-good"), List.of());
        assertTrue(r.promoted(), r.note());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        Path jar = shared.resolve("test/x/good/1.0/good-1.0.jar");
        assertEquals("good jar", Files.readString(jar));
        assertTrue(Files.readString(shared.resolve("test/x/good/1.0/_remote.repositories")).contains("good-1.0.jar>local="));
        assertTrue(r.added() >= 3, r.note());
        // nothing of the resolver's bookkeeping nor a temporary file
        assertTrue(files(shared).stream().noneMatch(f -> f.getFileName().toString().endsWith(".lastUpdated")
                || f.getFileName().toString().endsWith(".tmp")), files(shared).toString());
    }

    @Test
    void aChecksumMismatchFailsAndNothingReachesTheSharedRepository() throws Exception {
        Path shared = tmp.resolve("shared-bad");
        PrefetchReport r = prefetch().run(project("uses-bad", "good", "bad"), shared, tmp.resolve("work-bad"), List.of());
        assertFalse(r.promoted(), r.note());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("CHECKSUM MISMATCH") && p.contains("test.x:bad")), r.problems().toString());
        assertTrue(r.note().contains("NOTHING added"), r.note());
        assertEquals(List.of(), files(shared), "the shared repository got files from a staging area that failed a checksum");
    }

    @Test
    void promotionNeverOverwritesMergesTrackingAndFollowsNoLink() throws Exception {
        Path staging = tmp.resolve("promo-staging");
        Path shared = tmp.resolve("promo-shared");
        Path dir = Files.createDirectories(staging.resolve("g/a/1"));
        Files.writeString(dir.resolve("a-1.jar"), "staged");
        Files.writeString(dir.resolve("a-1.pom"), "staged pom");
        Files.writeString(dir.resolve("_remote.repositories"), "#comment\na-1.jar>central=\na-1.pom>central=\n");
        Files.writeString(dir.resolve("a-1.jar.lastUpdated"), "x");
        Files.writeString(tmp.resolve("secret"), "secret");
        Files.createSymbolicLink(dir.resolve("a-1-sources.jar"), tmp.resolve("secret"));
        Path target = Files.createDirectories(shared.resolve("g/a/1"));
        Files.writeString(target.resolve("a-1.jar"), "already there");
        Files.writeString(target.resolve("_remote.repositories"), "a-1.jar>central=\n");

        Promotion.Result res = Promotion.promote(staging, shared);
        assertEquals("already there", Files.readString(target.resolve("a-1.jar")));
        assertEquals("staged pom", Files.readString(target.resolve("a-1.pom")));
        assertEquals(List.of("a-1.jar>central=", "a-1.pom>central="), Files.readAllLines(target.resolve("_remote.repositories")));
        assertFalse(Files.exists(target.resolve("a-1.jar.lastUpdated")));
        assertFalse(Files.exists(target.resolve("a-1-sources.jar"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("g/a/1/a-1.pom"), res.added());
        assertEquals(1, res.skipped());
    }

    @Test
    void pomsBehindSymbolicLinksAreNotRead() throws Exception {
        Path outside = SmallProjects.write(tmp.resolve("outside"), Map.of("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><groupId>demo</groupId><artifactId>outside</artifactId><version>1.0</version></project>
                """));
        Path root = SmallProjects.write(tmp.resolve("linked"), Map.of("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><groupId>demo</groupId><artifactId>linked</artifactId><version>1.0</version>
                <packaging>pom</packaging><modules><module>linked-module</module><module>../outside</module></modules></project>
                """));
        Files.createSymbolicLink(root.resolve("linked-module"), outside);
        PrefetchReport r = prefetch().run(root, tmp.resolve("shared-linked"), tmp.resolve("work-linked"), List.of());
        assertEquals(1, r.modules(), r.note());
        assertEquals(2, r.problems().stream().filter(p -> p.contains("refused")).count(), r.problems().toString());

        Path root2 = Files.createDirectories(tmp.resolve("linked-pom"));
        Files.createSymbolicLink(root2.resolve("pom.xml"), outside.resolve("pom.xml"));
        PrefetchReport r2 = prefetch().run(root2, tmp.resolve("shared-linked"), tmp.resolve("work-linked2"), List.of());
        assertEquals(0, r2.modules(), r2.note());
        assertTrue(r2.problems().getFirst().contains("symbolic link"), r2.problems().toString());
    }
}
