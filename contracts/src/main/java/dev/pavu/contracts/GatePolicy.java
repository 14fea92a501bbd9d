package dev.pavu.contracts;

import java.util.List;

/**
 * Which verification gates a job's candidates go through beyond the two that always run ({@code static}: the
 * build compiles; {@code tests}: the test suite passes). Every component may be {@code null}, meaning "the
 * verifier's configured default" ({@code pavu.verifier.gates.*}); a {@link VerifySpec} without a policy takes
 * every default.
 *
 * @param linters    linters of the {@code lint} gate, run after the tests pass when installed on the verifier:
 *                   {@code checkstyle}, {@code spotbugs} (Java), {@code ruff}, {@code mypy} (Python); an empty list
 *                   turns linting off; {@code null} = the configured default (off)
 * @param testsFirst run the plan's failing tests alone before the whole suite, to stop early; {@code null} = the
 *                   configured default (on)
 * @param probe      the runtime probe ({@code probe} gate, after the tests and linters); {@code null} = no probe
 */
public record GatePolicy(List<String> linters, Boolean testsFirst, ProbeSpec probe) {

    /** Linter names the verifier knows. */
    public static final List<String> KNOWN_LINTERS = List.of("checkstyle", "spotbugs", "ruff", "mypy");

    public GatePolicy {
        linters = linters == null ? null : List.copyOf(linters);
    }
}
