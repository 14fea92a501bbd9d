package dev.pavu.probe;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes per-test coverage files for the test framework listeners ({@link CoverageListener} on the JUnit Platform,
 * {@link JUnit4CoverageListener} under surefire's JUnit 4 providers), one after another in one test JVM.
 *
 * <p>The JaCoCo agent runs in the same JVM with {@code jmx=true,output=none}; the recorder reads its execution data
 * through the agent's MBean {@code org.jacoco:type=Runtime} ({@code getExecutionData(boolean reset)}, JaCoCo agent
 * documentation), so it needs no JaCoCo class on the test classpath.
 *
 * <p>For the n-th test of this JVM it writes, into {@code <basedir>/target/pavu-coverage/} ({@code basedir} is the
 * system property surefire sets to the module's directory):
 * <ul>
 *   <li>{@code <pid>-<n>.test}: first line the test id {@code Class#method}, second line {@code RUNNING}
 *       while it runs, then {@code SUCCESSFUL}, {@code FAILED} or {@code ABORTED};</li>
 *   <li>{@code <pid>-<n>.exec}: the JaCoCo execution data since the previous test ended (dumped with reset at
 *       the end; while the test runs, every {@value #PARTIAL_EVERY_MS} ms without reset, so that a test killed
 *       by a time limit or {@code System.exit} leaves the lines it reached and the status {@code RUNNING}).</li>
 * </ul>
 * Tests run one after another (parallel execution mixes their coverage). Without the agent the recorder does
 * nothing. It never throws: coverage is best effort and never fails the project's tests.
 */
final class CoverageRecorder {

    /** Interval of the partial dumps of a running test, milliseconds. */
    static final long PARTIAL_EVERY_MS = 500;

    private final Object lock = new Object();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Path dir;
    private ObjectName runtime;
    private boolean enabled;
    private boolean dirReady;
    private int count;
    private String current;
    private Thread partials;

    CoverageRecorder() {
        try {
            runtime = new ObjectName("org.jacoco:type=Runtime");
            enabled = server.isRegistered(runtime);
        } catch (Exception e) {
            enabled = false;
        }
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        dir = Path.of(base, "target", "pavu-coverage");
    }

    /**
     * A test starts: its status file says {@code RUNNING} and partial dumps begin.
     *
     * @param testId {@code Class#method}
     */
    void started(String testId) {
        synchronized (lock) {
            if (!enabled || !ensureDir()) {
                return;
            }
            count++;
            current = ProcessHandle.current().pid() + "-" + count;
            writeStatus(current, testId, "RUNNING");
            if (partials == null) {
                partials = new Thread(this::dumpPartials, "pavu-coverage-partials");
                partials.setDaemon(true);
                partials.start();
            }
        }
    }

    /**
     * The running test ended: its execution data (reset) and final status are written.
     *
     * @param testId {@code Class#method}
     * @param status {@code SUCCESSFUL}, {@code FAILED} or {@code ABORTED}
     */
    void finished(String testId, String status) {
        synchronized (lock) {
            if (!enabled || current == null) {
                return;
            }
            byte[] data = executionData(true);
            if (data != null) {
                write(dir.resolve(current + ".exec"), data);
            }
            writeStatus(current, testId, status);
            current = null;
        }
    }

    private boolean ensureDir() {
        if (!dirReady) {
            try {
                Files.createDirectories(dir);
                dirReady = true;
            } catch (IOException e) {
                enabled = false;
            }
        }
        return dirReady;
    }

    private void dumpPartials() {
        while (true) {
            try {
                Thread.sleep(PARTIAL_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (current != null) {
                    byte[] data = executionData(false);
                    if (data != null) {
                        write(dir.resolve(current + ".exec"), data);
                    }
                }
            }
        }
    }

    private byte[] executionData(boolean reset) {
        try {
            return (byte[]) server.invoke(runtime, "getExecutionData", new Object[] {reset}, new String[] {"boolean"});
        } catch (Exception e) {
            return null;
        }
    }

    private void writeStatus(String name, String testId, String status) {
        write(dir.resolve(name + ".test"), (testId + "\n" + status + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes through a temporary file and a rename, so that a killed JVM never leaves half a file. */
    private static void write(Path file, byte[] bytes) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // coverage is best effort: never fail the project's tests over it
        }
    }
}
