package dev.pavu.testsupport;

import java.util.Map;

/**
 * Kafka client settings that log in to the test stack's broker. The local stack's broker authenticates every client
 * (SASL) and authorises by ACL ({@code deploy/local/kafka/acls.tsv}); the Testcontainers broker is plain and takes
 * no settings.
 */
public final class KafkaSecurity {

    private static volatile boolean plainBroker;

    private KafkaSecurity() {
    }

    /** Called by {@link PavuStackResource} when it started a Testcontainers broker (no authentication). */
    static void usePlainBroker() {
        plainBroker = true;
    }

    /**
     * @return client settings ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}) of the
     *         local stack's super user {@code admin} (SASL/PLAIN, password {@code <stack dir>/secrets/kafka-admin}), the
     *         operator's identity that tests use to stand in for any service; empty for a Testcontainers broker
     * @throws IllegalStateException when the stack's secret cannot be read
     */
    public static Map<String, String> operator() {
        if (plainBroker) {
            return Map.of();
        }
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
                        + "password=\"" + LocalStack.secret("kafka-admin") + "\";");
    }

    /**
     * @param service {@code planner}, {@code actuator}, {@code verifier} or {@code updater}
     * @return client settings that log in as that service's own user {@code pavu-<service>} (SASL/SCRAM-SHA-512), with
     *         exactly the rights its ACLs give
     * @throws IllegalStateException when the stack's secret cannot be read
     */
    public static Map<String, String> service(String service) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"pavu-"
                        + service + "\" password=\"" + LocalStack.secret("kafka-" + service) + "\";");
    }
}
