package dev.pavu.kit.sources;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BundleDownloads} against a real HTTP server standing in for the planner's {@code /sources/{sha}}: the bytes of
 * a bundle, and for each failure the exception its callers retry or not, with a message that names the real cause.
 */
class BundleDownloadsTest {

    private static final String SHA = "a".repeat(64);

    private HttpServer server;
    private final Map<String, Integer> status = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/sources/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            String sha = exchange.getRequestURI().getPath().substring("/api/sources/".length());
            int code = status.getOrDefault(sha, 404);
            byte[] body = code == 200 ? ("bundle " + sha).getBytes(StandardCharsets.UTF_8) : "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private BundleDownloads downloads() {
        return new BundleDownloads("http://127.0.0.1:" + server.getAddress().getPort() + "/api/", "verifier",
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aBundleIsStreamedOrWrittenToAFile() throws IOException {
        status.put(SHA, 200);
        try (InputStream in = downloads().open(SHA)) {
            assertArrayEquals(("bundle " + SHA).getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        Path target = tmp.resolve("d/x.bundle");
        assertEquals(target, downloads().download(SHA, target));
        assertEquals("bundle " + SHA, Files.readString(target));
        assertFalse(Files.exists(tmp.resolve("d/x.bundle.part")), "no partial file is left");
        assertEquals(List.of("/api/sources/" + SHA, "/api/sources/" + SHA), asked, "the base URL's trailing slash is not doubled");
    }

    @Test
    void aRefusedCredentialNamesTheServiceTokenNotTheBundle() {
        for (int code : new int[]{401, 403}) {
            status.put(SHA, code);
            BundleDownloads.Refused e = assertThrows(BundleDownloads.Refused.class, () -> downloads().open(SHA));
            assertTrue(e.getMessage().contains("answered " + code + ": the planner refused this verifier's service credential"), e.getMessage());
            assertTrue(e.getMessage().contains("PAVU_SERVICE_TOKEN"), e.getMessage());
            assertFalse(e.getMessage().contains("does not have bundle"), e.getMessage());
        }
    }

    @Test
    void aMissingBundleIsNotFoundAndLeavesNoFile() {
        BundleDownloads.NotFound e = assertThrows(BundleDownloads.NotFound.class, () -> downloads().download(SHA, tmp.resolve("y.bundle")));
        assertTrue(e.getMessage().endsWith("answered 404: the planner does not have bundle " + SHA), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("y.bundle")));
        assertFalse(Files.exists(tmp.resolve("y.bundle.part")));
    }

    @Test
    void aServerErrorOrNoPlannerIsUnavailableSoCallersRetry() throws IOException {
        status.put(SHA, 503);
        BundleDownloads.Unavailable e = assertThrows(BundleDownloads.Unavailable.class, () -> downloads().open(SHA));
        assertTrue(e.getMessage().endsWith("answered 503"), e.getMessage());
        BundleDownloads gone = downloads();
        server.stop(0);
        assertThrows(BundleDownloads.Unavailable.class, () -> gone.open(SHA));
    }

    @Test
    void aMalformedShaIsRefusedBeforeAnyRequest() {
        for (String bad : new String[]{null, "A".repeat(64), "a".repeat(63), "../../etc/passwd", SHA + "/x"}) {
            assertThrows(BundleDownloads.NotFound.class, () -> downloads().open(bad), String.valueOf(bad));
        }
        assertEquals(List.of(), asked);
    }
}
