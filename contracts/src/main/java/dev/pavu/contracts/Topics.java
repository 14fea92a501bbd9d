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
    /** {@link PlanProposed}; key = job id; planner → actuator, updater. */
    public static final String PLANS = "pavu.plans";
    /** {@link CandidatesProposed}; key = job id; actuator → planner, updater. */
    public static final String CANDIDATES = "pavu.candidates";
    /** {@link DiffProposed}; key = candidate id; actuator → verifier, updater. */
    public static final String DIFFS = "pavu.diffs";
    /** {@link VerdictIssued}; key = job id; verifier → planner, updater. */
    public static final String VERDICTS = "pavu.verdicts";
    /** Infix of the dead-letter topics: {@code <topic>.dlq.<consumer-group>} holds records that consumer could not handle. */
    public static final String DLQ_INFIX = ".dlq.";
    /**
     * Infix of the retry topics: {@code <topic>.retry.<consumer-group>} holds the dead letters the updater replays to
     * that one consumer group, which reads it beside {@code <topic>}; only the updater may write it (Kafka ACL).
     */
    public static final String RETRY_INFIX = ".retry.";

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

    /**
     * The retry topic a dead letter is replayed to: the one consumer group that gave up on it reads it again there.
     *
     * @param deadLetterTopic a dead-letter topic, {@code <topic>.dlq.<consumer-group>}
     * @return {@code <topic>.retry.<consumer-group>}
     * @throws IllegalArgumentException when the name has no {@code .dlq.} infix
     */
    public static String retryOf(String deadLetterTopic) {
        int i = deadLetterTopic.lastIndexOf(DLQ_INFIX);
        if (i < 0) {
            throw new IllegalArgumentException("not a dead-letter topic (<topic>.dlq.<group>): " + deadLetterTopic);
        }
        return deadLetterTopic.substring(0, i) + RETRY_INFIX + deadLetterTopic.substring(i + DLQ_INFIX.length());
    }

    /**
     * The topic a record arrived on, without a retry infix: what a record of a retry topic was first published to.
     *
     * @param topic {@code <topic>} or {@code <topic>.retry.<consumer-group>}
     * @return {@code <topic>}
     */
    public static String originOf(String topic) {
        int i = topic.lastIndexOf(RETRY_INFIX);
        return i < 0 ? topic : topic.substring(0, i);
    }
}
