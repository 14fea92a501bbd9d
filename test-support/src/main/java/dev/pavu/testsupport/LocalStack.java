package dev.pavu.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The local stack of {@code deploy/local/stack}: where it listens, and starting its infrastructure
 * (Kafka + PostgreSQL) when it is not running yet.
 */
public final class LocalStack {

    private LocalStack() {
    }

    /** @return the stack directory: {@code PAVU_STACK_DIR}, default {@code <repository root>/.pavu/stack} */
    public static Path stackDir() {
        String dir = Settings.get("PAVU_STACK_DIR", "");
        return dir.isEmpty() ? findScript().getParent().getParent().getParent().resolve(".pavu/stack") : Path.of(dir);
    }

    /**
     * A password the stack generated at its first start ({@code deploy/local/stack}'s {@code secret}).
     *
     * @param name {@code kafka-admin}, {@code kafka-<service>}, {@code db-postgres} or {@code db-<service>}
     * @return the password, without the trailing newline
     * @throws IllegalStateException when {@code <stack dir>/secrets/<name>} cannot be read (the stack never started)
     */
    public static String secret(String name) {
        Path f = stackDir().resolve("secrets").resolve(name);
        try {
            return Files.readString(f).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no " + f + ": deploy/local/stack up infra generates it", e);
        }
    }

    /**
     * A PostgreSQL login.
     *
     * @param user     the role
     * @param password its password (empty when none is configured)
     */
    public record DbLogin(String user, String password) {
        @Override
        public String toString() {
            return "DbLogin[" + user + "]";
        }
    }

    /**
     * The login of a service's own PostgreSQL role on the local stack: {@code pavu_<service>} with the password
     * the stack generated into {@code secrets/db-<service>}; {@code postgres} is the cluster's superuser
     * ({@code secrets/db-postgres}). {@code PAVU_DB_USER} / {@code PAVU_DB_PASSWORD}, when set, win (a database
     * that is not the local stack's, e.g. docker-compose's).
     *
     * @param service {@code planner}, {@code actuator}, {@code verifier}, {@code updater}, {@code gateway} or {@code postgres}
     * @return the role and its password
     * @throws IllegalStateException when the stack's secret cannot be read (see {@link #secret(String)})
     */
    public static DbLogin dbLogin(String service) {
        String user = Settings.get("PAVU_DB_USER", "");
        if (!user.isEmpty()) {
            return new DbLogin(user, Settings.get("PAVU_DB_PASSWORD", ""));
        }
        String role = "postgres".equals(service) ? "postgres" : "pavu_" + service;
        return new DbLogin(role, secret("db-" + service));
    }

    /**
     * The service whose schemas a module's tests use.
     *
     * @param module a module's folder name, e.g. {@code planner-service} or {@code model-gateway}
     * @return {@code planner}, {@code actuator}, {@code verifier}, {@code updater} or {@code gateway}; {@code postgres}
     *         (the cluster's superuser) for a module that is not a service
     */
    public static String serviceOfModule(String module) {
        return switch (module) {
            case "planner-service", "actuator-service", "verifier-service", "updater-service" ->
                    module.substring(0, module.indexOf('-'));
            case "model-gateway" -> "gateway";
            default -> "postgres";
        };
    }

    /** @return {@code PAVU_KAFKA_BOOTSTRAP}, default {@code localhost:9092} */
    public static String bootstrapServers() {
        return Settings.get("PAVU_KAFKA_BOOTSTRAP", "localhost:" + Settings.get("PAVU_KAFKA_PORT", "9092"));
    }

    /** @return {@code PAVU_DB_URL}, default {@code jdbc:postgresql://localhost:55432/pavu} */
    public static String jdbcUrl() {
        return Settings.get("PAVU_DB_URL", "jdbc:postgresql://localhost:" + Settings.get("PAVU_PG_PORT", "55432") + "/pavu");
    }

    /**
     * Starts Kafka and PostgreSQL with {@code deploy/local/stack up infra} unless both ports answer.
     *
     * @throws IllegalStateException when the script is not found or fails (its output is in the message)
     */
    public static synchronized void ensureInfraUp() {
        int kafkaPort = port(bootstrapServers().replaceAll(".*:", ""));
        int pgPort = port(jdbcUrl().replaceAll("^.*://[^:/]+:(\\d+)/.*$", "$1"));
        if (open(kafkaPort) && open(pgPort)) {
            return;
        }
        Path script = findScript();
        try {
            Process p = new ProcessBuilder("bash", script.toString(), "up", "infra").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("deploy/local/stack up infra failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local stack", e);
        }
    }

    private static int port(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("cannot read a port from '" + s + "'", e);
        }
    }

    private static boolean open(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path findScript() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path s = d.resolve("deploy/local/stack");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("no Kafka/PostgreSQL on the configured ports and no deploy/local/stack above "
                + dir + ": start the stack, or set PAVU_TEST_STACK=containers where Docker runs");
    }
}
