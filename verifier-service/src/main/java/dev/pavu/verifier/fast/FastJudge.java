package dev.pavu.verifier.fast;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.fast.RunResults.TestTime;
import dev.pavu.verifier.fast.WarmJvms.Exec;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.ProcessRunner;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a warm-JVM run as the cold path ({@code MavenGates}) judges a surefire run: stopped, TIMEOUT
 * (the wall-clock limit, or the tests over the fast per-test limit counted at the cold path's limit adding up past
 * the candidate's), memory exhausted (ERROR), failing tests (FAIL, with the same reason, and
 * {@code ; stopped at the first failing test: …} when the run stopped there), else PASS. A run whose warm JVM exited or
 * whose runner failed is not judged here: it is the fast path's own failure ({@link FastProject#machineryFailure}).
 */
final class FastJudge {

    private FastJudge() {
    }

    /**
     * One run of the warm JVM with what it means for the verdict.
     *
     * @param virtualMs    the run's time as the cold path would have spent it (tests over the fast limit at the cold one)
     * @param usedBeforeMs the candidate's time used by earlier runs (the plan's tests first), ms
     * @param stopped      whether the run was answered at its first failing test
     */
    record Phase(Exec exec, long coldPerTestMs, long limitMs, List<TestTime> times, TestReport report, long virtualMs,
                         long usedBeforeMs, boolean stopped) {
    }

    /**
     * The verdict of one run, in the cold path's terms ({@code MavenGates}).
     *
     * @param p               the run
     * @param compiled        the static gate's result
     * @param timeout         the candidate's limit
     * @param testsFirstPhase whether only the plan's tests ran
     * @param memoryBytes     the run's memory limit, bytes (for the reason); 0 = none
     * @return the outcome; {@code null} when a tests-first run passed (the whole suite runs next)
     */
    static GateOutcome judge(Phase p, GateResult compiled, Duration timeout, boolean testsFirstPhase, long memoryBytes) throws IOException {
        Exec e = p.exec();
        long testsMs = e.ms();
        if (e.answer() == null) {
            if (e.stopped() != null) {
                return new GateOutcome(Verdict.SKIPPED, "stopped: " + e.stopped(), List.of(compiled,
                        new GateResult(MavenGates.TESTS, Verdict.SKIPPED, testsMs, e.stopped() + " (fast path)")), List.of(), 0, 0);
            }
            String where = e.lastClass() == null ? "in the tests gate" : "in the tests gate, while running " + e.lastClass();
            String why = "timed out after " + ProcessRunner.describe(timeout.toMillis()) + " (limit " + timeout.toMillis() + " ms) " + where
                    + "; the warm JVM was killed";
            List<TestFailure> named = e.lastClass() == null ? List.of()
                    : List.of(new TestFailure(e.lastClass(), e.lastClass(), null, "error", "did not finish: " + why, null));
            return new GateOutcome(Verdict.TIMEOUT, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.TIMEOUT, testsMs,
                    why + " (fast path)")), named, 0, named.size());
        }
        if (RunResults.outOfMemory(e.result())) {
            String why = "memory exhausted in the tests gate: the test JVM's heap" + (memoryBytes > 0 ? " (capped at "
                    + dev.pavu.verifier.sandbox.Limits.human(WarmJvm.heapBytes(memoryBytes)) + " under the run's memory limit of "
                    + dev.pavu.verifier.sandbox.Limits.human(memoryBytes) + ")" : "") + " stayed full after a collection or ran out (OutOfMemoryError)";
            return new GateOutcome(Verdict.ERROR, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.ERROR, testsMs,
                    why + " (fast path)")), List.of(), 0, 0);
        }
        TestReport rep = p.report();
        List<TestTime> over = p.times().stream().filter(TestTime::timedOut).toList();
        if (!over.isEmpty() && p.virtualMs() >= timeout.toMillis()) {
            return timedOutByLimits(p, over, compiled, timeout);
        }
        if (rep.testsFailed() > 0) {
            String why = MavenGates.failedReason(rep, testsFirstPhase) + (p.stopped() ? "; " + MavenGates.stoppedNote(rep) : "");
            String detail = why + (over.isEmpty() ? "" : "; " + overLimit(p, over)) + " (fast path)";
            return new GateOutcome(Verdict.FAIL, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.FAIL, testsMs, detail)),
                    rep.failures(), rep.testsRun(), rep.testsFailed());
        }
        if (testsFirstPhase) {
            return null;
        }
        String why = rep.testsRun() == 0 ? "the build passed; no tests ran" : "all " + rep.testsRun() + " tests passed";
        return new GateOutcome(Verdict.PASS, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.PASS, testsMs,
                why + " (fast path)")), List.of(), rep.testsRun(), 0);
    }

    /**
     * The cold path's TIMEOUT when the tests over the fast limit, each counted at the cold path's per-test limit,
     * add up past the candidate's limit: the class running at that moment is named, the failures of the classes
     * finished before it are kept (surefire writes a class's report when the class ends).
     */
    private static GateOutcome timedOutByLimits(Phase p, List<TestTime> over, GateResult compiled, Duration timeout) {
        long t = p.usedBeforeMs();
        String running = null;
        for (TestTime x : p.times()) {
            t += x.timedOut() ? p.coldPerTestMs() : x.ms();
            if (t >= timeout.toMillis()) {
                running = x.className();
                break;
            }
        }
        String cls = running;
        List<TestFailure> failures = new ArrayList<>();
        java.util.Set<String> before = new java.util.HashSet<>();
        for (TestTime x : p.times()) {
            if (x.className().equals(cls)) {
                break;
            }
            before.add(x.className());
        }
        p.report().failures().stream().filter(f -> before.contains(f.className())).forEach(failures::add);
        String why = "timed out after " + ProcessRunner.describe(timeout.toMillis()) + " (limit " + timeout.toMillis()
                + " ms) in the tests gate, while running " + cls + "; the warm JVM was killed";
        failures.add(new TestFailure(cls, cls, null, "error", "did not finish: " + why, null));
        return new GateOutcome(Verdict.TIMEOUT, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.TIMEOUT, p.exec().ms(),
                why + "; " + overLimit(p, over) + " (fast path)")), failures, p.report().testsRun(), failures.size());
    }

    private static String overLimit(Phase p, List<TestTime> over) {
        return over.size() + (over.size() == 1 ? " test" : " tests") + " over the fast per-test limit of " + p.limitMs()
                + " ms, each counted as the cold path's " + p.coldPerTestMs() + " ms: "
                + String.join(", ", over.stream().limit(5).map(x -> x.className() + "#" + x.method()).toList());
    }
}
