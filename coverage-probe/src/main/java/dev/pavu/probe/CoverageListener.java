package dev.pavu.probe;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Per-test coverage for spectrum-based fault localisation, inside a project's test JVM.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} (the
 * JUnit Platform launcher loads every listener found there). The JaCoCo agent runs in the same JVM with
 * {@code jmx=true,output=none}; this listener reads its execution data through the agent's MBean
 * {@code org.jacoco:type=Runtime} ({@code getExecutionData(boolean reset)}, JaCoCo agent documentation), so
 * it needs no JaCoCo class on the test classpath.
 *
 * <p>For the n-th test of this JVM it writes, into {@code <basedir>/target/pavu-coverage/} ({@code basedir}
 * is the system property surefire sets to the module's directory):
 * <ul>
 *   <li>{@code <pid>-<n>.test}: first line the test id {@code Class#method}, second line {@code RUNNING}
 *       while it runs, then {@code SUCCESSFUL}, {@code FAILED} or {@code ABORTED};</li>
 *   <li>{@code <pid>-<n>.exec}: the JaCoCo execution data since the previous test ended (dumped with reset at
 *       the end; while the test runs, every {@value #PARTIAL_EVERY_MS} ms without reset, so that a test killed
 *       by a time limit leaves the lines it reached and the status {@code RUNNING}).</li>
 * </ul>
 * Tests run one after another (parallel JUnit execution mixes their coverage). Without the agent the
 * listener does nothing.
 */
public final class CoverageListener implements TestExecutionListener {

    /** Interval of the partial dumps of a running test, milliseconds. */
    static final long PARTIAL_EVERY_MS = 500;

    private final Object lock = new Object();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private ObjectName runtime;
    private Path dir;
    private boolean enabled;
    private int count;
    private String current;
    private Thread partials;

    /** Called by the launcher through the service loader. */
    public CoverageListener() {
        try {
            runtime = new ObjectName("org.jacoco:type=Runtime");
            enabled = server.isRegistered(runtime);
        } catch (Exception e) {
            enabled = false;
        }
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        dir = Path.of(base, "target", "pavu-coverage");
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!enabled) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            enabled = false;
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (!enabled || !id.isTest()) {
            return;
        }
        String testId = testId(id);
        synchronized (lock) {
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

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!enabled || !id.isTest()) {
            return;
        }
        synchronized (lock) {
            if (current == null) {
                return;
            }
            byte[] data = executionData(true);
            if (data != null) {
                write(dir.resolve(current + ".exec"), data);
            }
            writeStatus(current, testId(id), result.getStatus().name());
            current = null;
        }
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

    /** @return {@code Class#method} from the test's source, else the class and the display name */
    static String testId(TestIdentifier id) {
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            return m.getClassName() + "#" + m.getMethodName();
        }
        if (source instanceof ClassSource c) {
            return c.getClassName() + "#" + id.getDisplayName();
        }
        return "?#" + id.getDisplayName();
    }
}
