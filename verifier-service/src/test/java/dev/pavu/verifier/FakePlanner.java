package dev.pavu.verifier;

import com.sun.net.httpserver.HttpServer;
import dev.pavu.workspace.source.GitSources;
import dev.pavu.workspace.source.ResolvedSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the planner's {@code GET /sources/{sha}}: a small HTTP server that serves git bundles of
 * projects written by the tests. Also gives the verifier a private {@code PAVU_HOME} under {@code target/} and
 * topics of its own (the broker is shared: a test verifier in the {@code verifier-service} group would take
 * other runs' candidates, and its verdicts would reach their planners). The dead-letter topic stays
 * {@code pavu.diffs.dlq.verifier-service}.
 */
public class FakePlanner implements QuarkusTestResourceLifecycleManager {

    /** A project served as a bundle. */
    public record Source(String bundleSha, String commit, Path dir) {
    }

    private static final Map<String, Path> BUNDLES = new ConcurrentHashMap<>();
    /** The broker is shared with every other test run and service: this run reads and writes its own topics. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static Path root;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createDirectories(Path.of("target", "it-" + System.currentTimeMillis()).toAbsolutePath());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sources/", exchange -> {
                String sha = exchange.getRequestURI().getPath().substring("/sources/".length());
                Path bundle = BUNDLES.get(sha);
                if (bundle == null) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, Files.size(bundle));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(bundle, out);
                }
            });
            server.start();
            return Map.of("pavu.verifier.planner-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "pavu.verifier.home", root.resolve("home").toString(),
                    "mp.messaging.incoming.diffs-in.topics", diffsTopic(),
                    "mp.messaging.incoming.jobs-in.topics", jobsTopic(),
                    "mp.messaging.outgoing.verdicts-out.topic", verdictsTopic());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** @return this run's stand-in for {@code pavu.diffs} */
    public static String diffsTopic() {
        return "pavu.diffs.it-" + RUN;
    }

    /** @return this run's stand-in for {@code pavu.jobs} */
    public static String jobsTopic() {
        return "pavu.jobs.it-" + RUN;
    }

    /** @return this run's stand-in for {@code pavu.verdicts} */
    public static String verdictsTopic() {
        return "pavu.verdicts.it-" + RUN;
    }

    /** @return the verifier's {@code PAVU_HOME} in this test run */
    public static Path home() {
        return root.resolve("home");
    }

    /**
     * Commits the files into a new git repository and serves its bundle.
     *
     * @param name  directory name of the project
     * @param files repo-relative path → content
     * @return the bundle's sha and the commit
     */
    public static Source publish(String name, Map<String, String> files) {
        try {
            Path dir = Files.createDirectories(root.resolve("projects").resolve(name));
            for (var e : files.entrySet()) {
                Path f = dir.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue());
            }
            // the snapshot and bundle the planner makes of an uploaded tree (JGit; content-addressed by SHA-256)
            ResolvedSource snap = GitSources.snapshot(dir, Files.createDirectories(root.resolve("bundles")));
            String sha = snap.sha256();
            String commit = snap.commit();
            BUNDLES.put(sha, snap.bundle());
            return new Source(sha, commit, dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish test project " + name + ": " + e.getMessage(), e);
        }
    }
}
