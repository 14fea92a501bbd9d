package dev.pavu.verifier.service;

/**
 * Which path verifies a Maven candidate's {@code static} and {@code tests} gates, from what the candidate asks and the
 * job's gate policy, in this order of precedence: the job's own test command (cold), a coverage run (cold, with the
 * coverage probe; the baseline's also builds the fast path: the fused build), the baseline (cold: its reports name
 * every test it ran), lint or probe gates (cold: they need this workspace built), else the fast path (which still sends
 * a candidate it does not take, or whose machinery fails, to the cold path: {@link MavenPaths}).
 *
 * @param route the path
 * @param note  the candidate's log line saying why, {@code cold path: …}; {@code null} for {@link Route#FAST} (the fast
 *              path says which path it took)
 */
public record PathChoice(Route route, String note) {

    /** The paths of a Maven candidate. */
    public enum Route {
        /** The job's own test command, on the cold path. */
        TEST_COMMAND,
        /** A coverage run: the cold path with the coverage probe. */
        COVERAGE,
        /** The baseline without coverage: the cold path. */
        BASELINE,
        /** The policy's lint or probe gates run on this workspace: the cold path builds it. */
        WORKSPACE_GATES,
        /** The fast path, falling back to the cold path. */
        FAST
    }

    /**
     * @param testCommand    the job gives its own test command
     * @param coverage       the plan asks for per-test coverage ({@code VerifySpec.collectCoverage})
     * @param baseline       the candidate is the baseline (the empty patch of proposer {@code baseline})
     * @param workspaceGates the gate policy has lint or probe gates ({@code Policy.needsWorkspaceAfterTests})
     * @return the path and why
     */
    public static PathChoice of(boolean testCommand, boolean coverage, boolean baseline, boolean workspaceGates) {
        if (testCommand) {
            // the job's command decides every verdict, the baseline's too: a coverage run of the toolchain's own
            // `mvn test` could judge other tests than the command runs (fault localisation then has stack traces only)
            return new PathChoice(Route.TEST_COMMAND, "cold path: the job gives its own test command" + (coverage
                    ? "; no per-test coverage (it is recorded on the toolchain's own test run only)" : ""));
        }
        if (coverage) {
            // a coverage run always takes the cold path: the probe instruments surefire's test JVM
            return new PathChoice(Route.COVERAGE, "cold path: a coverage run (coverage is recorded on the cold path)");
        }
        if (baseline) {
            // the cold path's reports name every test that ran: candidates are checked against them
            return new PathChoice(Route.BASELINE, "cold path: the baseline records the ids of the tests it runs");
        }
        if (workspaceGates) {
            // the fast path builds in its own copy: lint and probe need this workspace built
            return new PathChoice(Route.WORKSPACE_GATES, "cold path: the gate policy has lint or probe gates, which run on this workspace's build");
        }
        return new PathChoice(Route.FAST, null);
    }
}
