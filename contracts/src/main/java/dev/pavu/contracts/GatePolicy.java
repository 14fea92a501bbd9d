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
 * @param allowTestEdits  true lets a candidate's diff change test sources ({@code src/test/**}, {@code tests/},
 *                        {@code test_*.py}, {@code *.test.js}, …); {@code null} or false = such a diff is refused
 *                        (verdict FAIL, "the patch was refused (protected path)"), so that a candidate cannot pass
 *                        by deleting or disabling the tests it should make pass
 * @param allowBuildEdits true lets a candidate's diff change build and CI files ({@code pom.xml}, {@code .mvn/**},
 *                        {@code build.gradle*}, {@code package.json}, {@code pyproject.toml}, {@code conftest.py},
 *                        {@code .github/**}, {@code Jenkinsfile}, the job's test command's own scripts, …);
 *                        {@code null} or false = refused
 */
public record GatePolicy(List<String> linters, Boolean testsFirst, ProbeSpec probe, Boolean allowTestEdits,
                         Boolean allowBuildEdits) {

    /** Linter names the verifier knows. */
    public static final List<String> KNOWN_LINTERS = List.of("checkstyle", "spotbugs", "ruff", "mypy");

    public GatePolicy {
        linters = linters == null ? null : List.copyOf(linters);
    }

    /** A policy that keeps test, build and CI files protected (the default). */
    public GatePolicy(List<String> linters, Boolean testsFirst, ProbeSpec probe) {
        this(linters, testsFirst, probe, null, null);
    }

    /** @return true when the policy lets candidates change test sources */
    public boolean testEditsAllowed() {
        return Boolean.TRUE.equals(allowTestEdits);
    }

    /** @return true when the policy lets candidates change build and CI files */
    public boolean buildEditsAllowed() {
        return Boolean.TRUE.equals(allowBuildEdits);
    }
}
