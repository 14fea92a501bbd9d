package demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile tests of the containment suite (bench/security): each passes only when the sandbox holds. The
 * placeholders are filled in by the suite for the stack under test.
 */
class ContainmentTest {

    static final int[] PORTS = {@@PORTS@@};
    static final String HOST_FILE = "@@HOST_FILE@@";
    static final String SECRET = "@@SECRET@@";
    static final String PAVU_HOME = "@@PAVU_HOME@@";
    static final String LOCAL_REPO = "@@LOCAL_REPO@@";

    @Test
    void reachesNoLoopbackPortOfTheHost() {
        List<Integer> reached = new ArrayList<>();
        for (int port : PORTS) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                s.getOutputStream().write(("GET /test-" + port + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                reached.add(port);
            } catch (IOException expected) {
                // contained: no route to the host's loopback
            }
        }
        assertTrue(reached.isEmpty(), "ESCAPE: reached loopback ports " + reached);
    }

    @Test
    void seesNoHostFile() {
        assertFalse(Files.exists(Path.of(HOST_FILE)), "ESCAPE: the host file " + HOST_FILE + " is visible");
        try {
            String s = Files.readString(Path.of("/etc/shadow"));
            assertFalse(s.contains("root:"), "ESCAPE: /etc/shadow is readable");
        } catch (IOException expected) {
            // contained
        }
    }

    @Test
    void seesNoOtherWorkspaceNorPavuData() throws IOException {
        Path home = Path.of(PAVU_HOME);
        Path cwd = Path.of("").toAbsolutePath();
        // the own area: <home>/verifier/work/<candidate> or <home>/verifier/fast/<source>
        Path own = cwd.startsWith(home) && home.relativize(cwd).getNameCount() >= 3
                ? home.resolve(home.relativize(cwd).subpath(0, 3)) : cwd;
        List<String> seen = new ArrayList<>();
        if (Files.isDirectory(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                files.filter(p -> !p.startsWith(own)).filter(Files::isRegularFile).limit(5).forEach(p -> seen.add(p.toString()));
            } catch (RuntimeException | IOException e) {
                // unreadable parts are fine
            }
        }
        assertTrue(seen.isEmpty(), "ESCAPE: files of Pavu's data outside this run's own area are visible: " + seen);
    }

    @Test
    void readsNoOtherProcessEnvironment() throws IOException {
        List<String> leaked = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    if (env.contains("PAVU_DB_PASSWORD") || env.contains("PAVU_KAFKA_BOOTSTRAP") || env.contains(SECRET)) {
                        leaked.add(p.toString());
                    }
                } catch (IOException | RuntimeException e) {
                    // not readable: contained
                }
            }
        }
        assertTrue(leaked.isEmpty(), "ESCAPE: read the environment of " + leaked);
    }

    @Test
    void cannotWriteTheSharedMavenCache() throws IOException {
        Path planted = Path.of(LOCAL_REPO, "pavu-planted-test-" + SECRET + ".txt");
        try {
            Files.writeString(planted, "planted by a test");
        } catch (IOException | RuntimeException expected) {
            return;
        }
        fail("ESCAPE: wrote " + planted);
    }

    @Test
    void nothingOfAnEarlierRunIsStillAlive() throws IOException {
        List<String> alive = new ArrayList<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("pavu-leftover-"))
                .forEach(t -> alive.add("thread " + t.getName()));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains("987654")) {
                        alive.add("process " + p.getFileName() + " " + cmd.replace('\0', ' '));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        }
        // leave a thread and a process behind for the next run to find
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // interrupted: end
            }
        }, "pavu-leftover-" + System.nanoTime());
        t.setDaemon(true);
        t.start();
        try {
            new ProcessBuilder("sleep", "987654").start();
        } catch (IOException e) {
            // no sleep here: the thread alone is left behind
        }
        assertTrue(alive.isEmpty(), "LEFTOVER: an earlier run's " + alive + " is still alive");
    }
}
