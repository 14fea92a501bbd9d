package dev.pavu.actuator.proposer.priors;

import com.sun.net.httpserver.HttpServer;
import dev.pavu.actuator.config.PriorsConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The client against a stub updater speaking the JSON of {@code GET /stats/patterns} (outside CDI: no fault-tolerance interceptors). */
class UpdaterStatsClientTest {

    static final String BODY = """
            {"patterns":[{"failureKind":null,"pattern":"off-by-one","jobs":3,"candidates":40,"passes":2,"passRate":0.05}],
             "failureKinds":[{"failureKind":"AssertionFailedError","pattern":null,"jobs":3,"candidates":40,"passes":2,"passRate":0.05}],
             "byFailureKindAndPattern":[{"failureKind":"AssertionFailedError","pattern":"off-by-one","jobs":3,"candidates":40,
               "passes":2,"passRate":0.05}],
             "computedAt":"2026-01-01T00:00:00Z"}
            """;

    private static PriorsConfig config(URI url) {
        return new PriorsConfig() {
            public Source source() {
                return Source.LEARNED;
            }

            public URI updaterUrl() {
                return url;
            }

            public double strength() {
                return 20;
            }

            public Duration cacheTtl() {
                return Duration.ofSeconds(60);
            }

            public Duration timeout() {
                return Duration.ofSeconds(2);
            }
        };
    }

    @Test
    void readsTheUpdatersStatistics() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stats/patterns", ex -> {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Optional<PatternStats> stats = new UpdaterStatsClient(config(url)).fetch();
            PatternStats.Row row = stats.orElseThrow().byFailureKindAndPattern().getFirst();
            assertEquals(new PatternStats.Row("AssertionFailedError", "off-by-one", 40, 2), row);
            assertEquals(40, stats.get().patterns().getFirst().candidates());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableUpdaterIsAnErrorThatTheFallbackTurnsIntoNothing() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        UpdaterStatsClient client = new UpdaterStatsClient(config(URI.create("http://127.0.0.1:" + port)));
        assertThrows(RuntimeException.class, client::fetch);
        assertEquals(Optional.empty(), client.unavailable());
    }
}
