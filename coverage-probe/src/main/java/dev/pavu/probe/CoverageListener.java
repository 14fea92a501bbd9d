package dev.pavu.probe;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Per-test coverage for spectrum-based fault localisation, inside a project's test JVM on the JUnit Platform.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} (the
 * JUnit Platform launcher loads every listener found there). Files and their format: {@link CoverageRecorder};
 * statuses are the platform's {@code SUCCESSFUL}, {@code FAILED} and {@code ABORTED}.
 */
public final class CoverageListener implements TestExecutionListener {

    private final CoverageRecorder recorder = new CoverageRecorder();

    /** Called by the launcher through the service loader. */
    public CoverageListener() {
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            recorder.started(testId(id));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            recorder.finished(testId(id), result.getStatus().name());
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
