package dev.pavu.verifier.fast;

import dev.pavu.contracts.TestFailure;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.OutputSink;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the warm JVM wrote for a run: its result file ({@code RUN\t<n>}, {@code SKIPPED\t<n>}, {@code OOM\t<bool>},
 * {@code STOPPED\t<bool>}, {@code TEST\t<class>\t<method>\t<ms>\t<over the fast limit>} per finished test,
 * {@code FAIL\t<class>\t<method>\t<failure|error>\t<message>\t<stack trace>} per failure; tabs, newlines and
 * backslashes escaped) and the tests' output; writes the candidate's {@code [pavu] …} log lines.
 */
final class RunResults {

    private RunResults() {
    }

    /** One test's time in the warm JVM, in the order the tests finished. */
    record TestTime(String className, String method, long ms, boolean timedOut) {
    }

    static List<TestTime> readTimes(Path result) throws IOException {
        List<TestTime> out = new ArrayList<>();
        for (String l : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            String[] p = l.split("\t", -1);
            if (p[0].equals("TEST") && p.length >= 5) {
                out.add(new TestTime(unesc(p[1]), unesc(p[2]), Long.parseLong(p[3]), Boolean.parseBoolean(p[4])));
            }
        }
        return out;
    }

    /** @return whether the run was answered at its first failing test ({@code STOPPED\ttrue}) */
    static boolean stopped(Path result) throws IOException {
        return Files.readAllLines(result, StandardCharsets.UTF_8).contains("STOPPED\ttrue");
    }

    /** @return whether the run's memory was exhausted ({@code OOM\ttrue}) */
    static boolean outOfMemory(Path result) throws IOException {
        return Files.readAllLines(result, StandardCharsets.UTF_8).contains("OOM\ttrue");
    }

    /**
     * The runner's own failure: a throwable that escaped the JUnit Platform's execution (recorded as a failure of
     * {@code (runner)#run}), i.e. the fast path's machinery failed, not a test.
     *
     * @return its message, or empty when the runner did not fail
     */
    static java.util.Optional<String> runnerError(Path result) throws IOException {
        for (String l : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            String[] p = l.split("\t", -1);
            if (p[0].equals("FAIL") && p.length >= 5 && unesc(p[1]).equals(RUNNER_FAILURE_CLASS)) {
                return java.util.Optional.of(unesc(p[4]).isBlank() ? "an internal error" : unesc(p[4]));
            }
        }
        return java.util.Optional.empty();
    }

    /** The class name under which the runner records a throwable of its own (not a test's). */
    static final String RUNNER_FAILURE_CLASS = "(runner)";

    static TestReport readResult(Path result, SurefireReports limits) throws IOException {
        int run = 0;
        int skipped = 0;
        int failed = 0;
        List<TestFailure> failures = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String l : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            String[] p = l.split("\t", -1);
            switch (p[0]) {
                case "RUN" -> run = Integer.parseInt(p[1]);
                case "SKIPPED" -> skipped = Integer.parseInt(p[1]);
                case "FAIL" -> {
                    failed++;
                    String cls = unesc(p[1]);
                    String method = unesc(p[2]);
                    if (method.isEmpty()) {
                        method = "(unknown)"; // as SurefireReports names a testcase without a name (the cold path)
                    }
                    TestFailure f = new TestFailure(cls + "#" + method, cls, method, p[3],
                            SurefireReports.truncate(unesc(p[4]), limits.messageChars()),
                            SurefireReports.truncate(unesc(p[5]).strip(), limits.stackTraceChars()));
                    if (failures.size() < limits.maxFailures() && seen.add(f.testId())) {
                        failures.add(f);
                    }
                }
                default -> {
                }
            }
        }
        return new TestReport(run, failed, skipped, failures, 1);
    }

    private static String unesc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static void appendOutput(Path output, OutputSink log) {
        try {
            if (Files.exists(output)) {
                long size = Files.size(output);
                try (var in = Files.newInputStream(output)) {
                    byte[] b = in.readNBytes(512 * 1024);
                    log.write(b, 0, b.length);
                }
                if (size > 512 * 1024) {
                    note(log, "test output of " + size + " bytes; the first 512 KB are kept");
                }
            }
        } catch (IOException e) {
            Log.debugf("cannot copy test output: %s", e.getMessage());
        }
    }

    static void note(OutputSink log, String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }
}
