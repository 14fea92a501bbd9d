package dev.pavu.actuator;

import com.sun.net.httpserver.HttpServer;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stands in for the planner's {@code GET /sources/{sha}}: bundles a small Maven-layout project with a
 * seeded bug (workspace library's {@link GitSources#snapshot}) and serves it over HTTP, and points the
 * actuator's {@code pavu.actuator.planner-url} and {@code pavu.actuator.home} at it and a temp dir.
 */
public class FakePlannerResource implements QuarkusTestResourceLifecycleManager {

    /** Path of the buggy file in the bundled project. */
    public static final String FILE = "src/main/java/demo/Stats.java";

    /** The buggy file: {@code sumTo} stops one short ({@code <} instead of {@code <=}). */
    public static final String BUGGY = """
            package demo;

            public final class Stats {

                private Stats() {
                }

                public static int sumTo(int n) {
                    int total = 0;
                    for (int i = 1; i < n; i++) {
                        total += i;
                    }
                    return total;
                }
            }
            """;

    /** The bundled source (commit, bundle, sha256). */
    public static volatile ResolvedSource source;

    private HttpServer server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("pavu-actuator-test-");
            Path project = dir.resolve("project");
            Files.createDirectories(project.resolve(FILE).getParent());
            Files.writeString(project.resolve(FILE), BUGGY);
            Files.writeString(project.resolve("pom.xml"), "<project/>\n");
            Path work = Files.createDirectories(dir.resolve("bundles"));
            source = GitSources.snapshot(project, work);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sources/", exchange -> {
                String sha = exchange.getRequestURI().getPath().substring("/sources/".length());
                if (!sha.equals(source.sha256())) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, Files.size(source.bundle()));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(source.bundle(), out);
                }
            });
            server.start();
            return Map.of(
                    "pavu.actuator.planner-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "pavu.actuator.home", dir.resolve("home").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp files
            }
        }
    }
}
