package dev.pavu.probe;

import org.junit.runner.Description;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Per-test coverage for spectrum-based fault localisation, inside a project's test JVM under surefire's JUnit 4
 * providers ({@code surefire-junit4}, {@code surefire-junit47}), which run JUnit 4 tests and JUnit 3
 * {@code TestCase}s of a {@code junit:junit} 4.x project.
 *
 * <p>Surefire adds the listeners named by its provider property {@code listener} to its own run notifier; the
 * Maven extension {@code dev.pavu.probe.maven.JUnit4ListenerExtension} sets that property for a coverage run.
 * Files and their format: {@link CoverageRecorder}. Statuses: a test whose notifier reported a failure
 * ({@code testFailure}: an assertion, an error, a {@code @Test(timeout)} exceeded, a failing {@code @Before} or
 * {@code @After}) is {@code FAILED}; one whose assumption failed is {@code ABORTED}; else {@code SUCCESSFUL}. So
 * statuses agree with surefire's report, which listens to the same notifier. Failures of a whole class (a failing
 * {@code @BeforeClass}) belong to no started test and record nothing. Ignored tests never start.
 */
@RunListener.ThreadSafe
public final class JUnit4CoverageListener extends RunListener {

    private final CoverageRecorder recorder = new CoverageRecorder();
    private final Object lock = new Object();
    private Description running;
    private String status;

    /** Called by surefire's JUnit 4 provider (reflection, no-argument constructor). */
    public JUnit4CoverageListener() {
    }

    @Override
    public void testStarted(Description d) {
        synchronized (lock) {
            running = d;
            status = "SUCCESSFUL";
        }
        recorder.started(testId(d));
    }

    @Override
    public void testFailure(Failure f) {
        mark(f.getDescription(), "FAILED");
    }

    @Override
    public void testAssumptionFailure(Failure f) {
        mark(f.getDescription(), "ABORTED");
    }

    @Override
    public void testFinished(Description d) {
        String s;
        synchronized (lock) {
            if (!d.equals(running)) {
                return;
            }
            s = status;
            running = null;
        }
        recorder.finished(testId(d), s);
    }

    private void mark(Description d, String s) {
        synchronized (lock) {
            // a failure after an assumption failure (an @After failing) still fails the test
            if (d.equals(running) && !"FAILED".equals(status)) {
                status = s;
            }
        }
    }

    /**
     * @param d a test's description
     * @return {@code Class#method}; a parameterised case's method name ({@code fee[100]}) cut at its first
     *         {@code [}, {@code (}, space or <code>{</code>, as the verifier folds surefire's report names, so that the
     *         cases of one method merge into one id as on the JUnit Platform; the display name without a method
     */
    static String testId(Description d) {
        String cls = d.getClassName();
        String method = d.getMethodName();
        if (method == null) {
            return (cls == null ? "?" : cls) + "#" + d.getDisplayName();
        }
        int cut = method.length();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c == '[' || c == '(' || c == ' ' || c == '{') {
                cut = i;
                break;
            }
        }
        return cls + "#" + (cut == 0 ? method : method.substring(0, cut));
    }
}
