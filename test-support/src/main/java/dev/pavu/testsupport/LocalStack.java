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
