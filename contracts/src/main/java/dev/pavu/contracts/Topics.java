package dev.pavu.contracts;

/**
 * Kafka topic names of the Pavu event stream (see DESIGN.md, "Events").
 *
 * <p>Keys: every topic is keyed by job id, except {@link #DIFFS}, keyed by candidate id so that one
 * job's candidates spread over the verifier workers of a consumer group.
 */
public final class Topics {
    /** {@link JobSubmitted}, {@link JobConcluded}, {@link JobCancelled}; key = job id; planner → all. */
    public static final String JOBS = "pavu.jobs";
    /** {@link PlanProposed} (planner → actuator, updater) and {@link CandidatesProposed} (actuator → planner, updater); key = job id. */
    public static final String PLANS = "pavu.plans";
    /** {@link DiffProposed}; key = candidate id; actuator → verifier, updater. */
    public static final String DIFFS = "pavu.diffs";
    /** {@link VerdictIssued}; key = job id; verifier → planner, updater. */
    public static final String VERDICTS = "pavu.verdicts";
    /** Prefix of the dead-letter topics: {@code pavu.dlq.<channel>} holds records a consumer could not handle. */
    public static final String DLQ_PREFIX = "pavu.dlq.";

    private Topics() {
    }

    /**
     * The dead-letter topic of one incoming channel.
     *
     * @param channel the SmallRye Reactive Messaging channel name, e.g. {@code verdicts-in}
     * @return {@code pavu.dlq.<channel>}
     */
    public static String deadLetter(String channel) {
        return DLQ_PREFIX + channel;
    }
}
