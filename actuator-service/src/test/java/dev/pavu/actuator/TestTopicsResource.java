package dev.pavu.actuator;

import dev.pavu.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/**
 * Gives the test application its own copies of the topics it reads and writes ({@code pavu.plans},
 * {@code pavu.diffs}, {@code pavu.candidates}, each with the suffix {@code .actuator-test-<run>}, and the plans topic's
 * dead-letter topic).
 *
 * <p>Why: the broker and the database are shared. A stack started elsewhere on the machine (the local
 * stack, an end-to-end run) has its own actuator in the consumer group {@code actuator-service} and the
 * same {@code actuator.processed_events}: on the real topics it would take some of the test's partitions,
 * or answer a test plan first, and the test would be checking someone else's process. The topics differ
 * only in name; channels, serialisation, idempotency and dead-lettering are the production ones.
 */
public class TestTopicsResource implements QuarkusTestResourceLifecycleManager {

    /** A system property, so that every class loader of the test JVM agrees on the suffix. */
    private static final String SUFFIX = suffix();

    private static synchronized String suffix() {
        String key = "actuator-test.topic-suffix";
        String s = System.getProperty(key);
        if (s == null) {
            s = ".actuator-test-" + UUID.randomUUID().toString().substring(0, 8);
            System.setProperty(key, s);
        }
        return s;
    }

    /** @return the test's plans topic */
    public static String plans() {
        return Topics.PLANS + SUFFIX;
    }

    /** @return the test's candidates topic (the actuator's CandidatesProposed) */
    public static String candidates() {
        return Topics.CANDIDATES + SUFFIX;
    }

    /** @return the test's diffs topic */
    public static String diffs() {
        return Topics.DIFFS + SUFFIX;
    }

    /** @return the test's dead-letter topic of channel {@code plans-in} */
    public static String deadLetters() {
        return Topics.deadLetter(plans(), "actuator-service");
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.messaging.incoming.plans-in.topics", plans(),
                "mp.messaging.incoming.plans-in.dead-letter-queue.topic", deadLetters(),
                "mp.messaging.outgoing.candidates-out.topic", candidates(),
                "mp.messaging.outgoing.diffs-out.topic", diffs());
    }

    @Override
    public void stop() {
        // the topics are left to the broker's retention
    }
}
