package dev.pavu.kit.deadletter;

/**
 * The headers of a Pavu dead letter. SmallRye Kafka's {@code dead-letter-queue} strategy writes the first group
 * (names kept as the connector spells them), Pavu's {@link PavuDeadLetterQueue} adds the second. The original
 * record's own headers ({@code ce_id}, {@code ce_type}, ...) are copied too.
 *
 * <p>Dead-letter topics are named {@code <original-topic>.dlq.<consumer-group>} ({@link #topicFor}): one per consumer
 * and channel.
 */
public final class DeadLetterHeaders {

    /** SmallRye: class name of the exception that failed the record. */
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    /** SmallRye: the exception's message. */
    public static final String REASON = "dead-letter-reason";
    /** SmallRye: class name of the exception's cause (only when it has one). */
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    /** SmallRye: the cause's message (only when it has one). */
    public static final String CAUSE = "dead-letter-cause";
    /** SmallRye: the topic the record was read from. */
    public static final String TOPIC = "dead-letter-topic";
    /** SmallRye: its partition. */
    public static final String PARTITION = "dead-letter-partition";
    /** SmallRye: its offset. */
    public static final String OFFSET = "dead-letter-offset";

    /** Pavu: the consuming service ({@code quarkus.application.name}). */
    public static final String SERVICE = "pavu-dlq-service";
    /** Pavu: the consumer group of the channel that failed. */
    public static final String GROUP = "pavu-dlq-group";
    /** Pavu: the incoming channel that failed. */
    public static final String CHANNEL = "pavu-dlq-channel";
    /** Pavu: how many times the record was tried (the retry's attempts; 1 for a failure not retried). */
    public static final String ATTEMPTS = "pavu-dlq-attempts";
    /** Pavu: when it was dead-lettered (ISO-8601 instant). */
    public static final String AT = "pavu-dlq-at";
    /**
     * Pavu: the failed record's own Kafka timestamp (milliseconds since the epoch). With the original topic, partition
     * and offset it names the failed record even when the broker's offsets start again (a topic recreated, a new
     * cluster), so the updater neither merges two different failures nor splits one failure dead-lettered twice.
     */
    public static final String ORIGINAL_TIMESTAMP = "pavu-dlq-original-timestamp";

    private DeadLetterHeaders() {
    }

    /**
     * @param topic the original topic, e.g. {@code pavu.verdicts}
     * @param group the consumer group, e.g. {@code planner-service}
     * @return the dead-letter topic of that consumer and topic, e.g. {@code pavu.verdicts.dlq.planner-service}
     */
    public static String topicFor(String topic, String group) {
        return dev.pavu.contracts.Topics.deadLetter(topic, group);
    }

    /**
     * Adds Pavu's headers to a dead letter: {@link PavuDeadLetterQueue} for every failure strategy's dead letter, and
     * a consumer that sends its dead letters itself (a batch consumer, which cannot use the failure strategy record by
     * record).
     *
     * @param headers  the dead letter's headers (SmallRye's {@code dead-letter-*} ones set by the caller)
     * @param service  the consuming service
     * @param group    its consumer group
     * @param channel  the incoming channel
     * @param attempts how often the record was tried
     * @param originalTimestamp the failed record's Kafka timestamp in milliseconds since the epoch (negative: none)
     */
    public static void addPavu(org.apache.kafka.common.header.Headers headers, String service, String group,
                               String channel, int attempts, long originalTimestamp) {
        put(headers, SERVICE, service);
        put(headers, GROUP, group);
        put(headers, CHANNEL, channel);
        put(headers, ATTEMPTS, Integer.toString(attempts));
        put(headers, AT, java.time.Instant.now().toString());
        if (originalTimestamp >= 0) {
            put(headers, ORIGINAL_TIMESTAMP, Long.toString(originalTimestamp));
        }
    }

    private static void put(org.apache.kafka.common.header.Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
