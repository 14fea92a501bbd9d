package dev.pavu.contracts;

/**
 * Kafka topic names of the Pavu event stream (see DESIGN.md, "Events").
 *
 * <p>Keys: every topic is keyed by job id, except {@link #DIFFS}, keyed by candidate id so that one
 * job's candidates spread over the verifier workers of a consumer group.
 */
public final class Topics {
    /**
     * {@link JobSubmitted}, {@link JobConcluded}, {@link JobCancelled}, {@link JobExpired},
     * {@link ResultBranchDelivered}; key = job id; planner → all.
     */
    public static final String JOBS = "pavu.jobs";
    /** {@link PlanProposed} (planner → actuator, updater) and {@link CandidatesProposed} (actuator → planner, updater); key = job id. */
    public static final String PLANS = "pavu.plans";
    /** {@link DiffProposed}; key = candidate id; actuator → verifier, updater. */
    public static final String DIFFS = "pavu.diffs";
    /** {@link VerdictIssued}; key = job id; verifier → planner, updater. */
    public static final String VERDICTS = "pavu.verdicts";
    /** Infix of the dead-letter topics: {@code <topic>.dlq.<consumer-group>} holds records that consumer could not handle. */
    public static final String DLQ_INFIX = ".dlq.";

    private Topics() {
    }

    /**
     * The dead-letter topic of one consumer of one topic (one per consumer and channel).
     *
     * @param topic the topic the consumer reads, e.g. {@code pavu.verdicts}
     * @param group its consumer group, e.g. {@code planner-service}
     * @return {@code <topic>.dlq.<group>}, e.g. {@code pavu.verdicts.dlq.planner-service}
     */
    public static String deadLetter(String topic, String group) {
        return topic + DLQ_INFIX + group;
    }
}
