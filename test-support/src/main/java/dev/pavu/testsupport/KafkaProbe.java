package dev.pavu.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A plain Kafka client for tests: sends raw records and waits for records that match a predicate, logged in as the
 * stack's operator ({@link KafkaSecurity#operator()}).
 * The broker is shared by every test run, so tests filter by their own (fresh) job ids.
 */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    /**
     * Sends one record and waits until the broker acknowledged it.
     *
     * @param topic topic name
     * @param key   record key (may be {@code null})
     * @param value record value (UTF-8 text)
     * @throws IllegalStateException when the broker does not acknowledge within 30 s
     */
    public static void send(String topic, String key, String value) {
        send(topic, key, value, java.util.Map.of());
    }

    /**
     * Sends one record with headers and waits until the broker acknowledged it.
     *
     * @param topic   topic name
     * @param key     record key (may be {@code null})
     * @param value   record value (UTF-8 text)
     * @param headers record headers, name → UTF-8 text
     * @throws IllegalStateException when the broker does not acknowledge within 30 s
     */
    public static void send(String topic, String key, String value, java.util.Map<String, String> headers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PavuStackResource.bootstrapServers());
        p.putAll(KafkaSecurity.operator());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning with a fresh consumer group until {@code count} records
     * match, or the timeout passes.
     *
     * @param topic   topic name
     * @param match   which records count
     * @param count   how many matching records to wait for
     * @param timeout how long to wait at most
     * @return the matching records seen (fewer than {@code count} when the time ran out)
     */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                             int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PavuStackResource.bootstrapServers());
        p.putAll(KafkaSecurity.operator());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }
}
