package dev.pavu.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts the whole local stack (Kafka, PostgreSQL and the five packaged services) once for all
 * end-to-end tests with {@code deploy/local/stack up}, and stops the services again at the end when
 * it was this run that started them.
 */
public final class LocalStackExtension implements BeforeAllCallback {

    /** @return the repository root (system property {@code pavu.root}, else found from the working directory) */
    public static Path root() {
        String p = System.getProperty("pavu.root");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("deploy/local/stack"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root with deploy/local/stack not found above " + dir);
    }

    /** @return the planner's base URL ({@code PAVU_PLANNER_URL}, default {@code http://localhost:8081}) */
    public static String plannerUrl() {
        String env = System.getenv("PAVU_PLANNER_URL");
        return env != null && !env.isBlank() ? env : "http://localhost:8081";
    }

    /** @return the stack directory ({@code PAVU_STACK_DIR}, default {@code <root>/.pavu/stack}) */
    public static Path stackDir() {
        String env = System.getenv("PAVU_STACK_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : root().resolve(".pavu/stack");
    }

    /**
     * @return the admin token the stack generated at its first start ({@code <stack dir>/admin-token}); the
     *         {@code PAVU_TOKEN} environment variable wins when set
     */
    public static String adminToken() {
        String env = System.getenv("PAVU_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return Files.readString(stackDir().resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no admin token in " + stackDir() + " (deploy/local/stack up writes it)", e);
        }
    }

    /**
     * @param request a request to one of the stack's APIs
     * @return the same builder with the stack's admin token ({@code Authorization: Bearer …})
     */
    public static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + adminToken());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("pavu-stack", k -> start(), StartedStack.class);
    }

    private static StartedStack start() {
        boolean wasUp = plannerReady();
        run("up");
        return new StartedStack(!wasUp);
    }

    static boolean plannerReady() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(plannerUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(String... args) {
        run(java.util.Map.of(), args);
    }

    /**
     * Runs {@code deploy/local/stack <args>} with extra environment, e.g. {@code down verifier-service} then
     * {@code up verifier-service} with other settings: the service started inherits the environment.
     *
     * @param env  variables added to this JVM's environment for the script (and what it starts)
     * @param args the script's arguments
     * @throws IllegalStateException when the script fails or takes over 10 minutes (its output in the message)
     */
    static void run(java.util.Map<String, String> env, String... args) {
        try {
            var cmd = new java.util.ArrayList<String>();
            cmd.add("bash");
            cmd.add(root().resolve("deploy/local/stack").toString());
            cmd.addAll(java.util.List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("deploy/local/stack " + String.join(" ", args) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the services at the end of the run if this run started them. */
    record StartedStack(boolean startedHere) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (startedHere && !"true".equals(System.getenv("PAVU_E2E_KEEP_STACK"))) {
                run("down", "services");
            }
        }
    }
}
