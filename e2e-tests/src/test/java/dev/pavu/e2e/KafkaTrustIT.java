package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.Topics;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.testsupport.KafkaSecurity;
import dev.pavu.testsupport.LocalStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Internal trust on the running stack (issue 14 item 3; DESIGN.md "Internal trust"): the broker takes no client
 * without credentials or with a wrong password, only the verifier's Kafka user may publish verdicts (and each topic has
 * its one producer), and a verdict forged with the actuator's credentials on the topic the actuator may write is
 * dropped by every consumer to its dead-letter topic with the reason, and changes nothing of the job it names.
 */
@ExtendWith(LocalStackExtension.class)
class KafkaTrustIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final PlannerClient planner = new PlannerClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordIsRefused() {
        // no SASL at all: the broker never answers the plain client, which gives up waiting for metadata
        ExecutionException none = assertThrows(ExecutionException.class, () -> send(Map.of(), Topics.VERDICTS, "x"));
        assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, none.getCause(), String.valueOf(none.getCause()));
        Map<String, String> wrong = new HashMap<>(KafkaSecurity.service("verifier"));
        wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"pavu-verifier\" password=\"guessed\";");
        Throwable bad = assertThrows(Exception.class, () -> send(wrong, Topics.VERDICTS, "x"));
        Throwable cause = bad instanceof ExecutionException ? bad.getCause() : bad;
        assertInstanceOf(SaslAuthenticationException.class, cause, String.valueOf(cause));
    }

    @Test
    void onlyTheVerifierMayPublishVerdicts() {
        for (String service : List.of("actuator", "planner", "updater")) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> send(KafkaSecurity.service(service), Topics.VERDICTS, "forged"), service);
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), service + ": " + e.getCause());
        }
        // and each topic has its one producer: the actuator may write neither the planner's plans nor its jobs
        for (String topic : List.of(Topics.PLANS, Topics.JOBS)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> send(KafkaSecurity.service("actuator"), topic, "forged"), topic);
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), topic + ": " + e.getCause());
        }
    }

    @Test
    void aVerdictForgedWithTheActuatorsCredentialsIsDeadLetteredAndChangesNothing() throws Exception {
        String id = planner.submitProject(Projects.named("invoicing"), Map.of("task", "make the failing tests pass",
                "budget", Map.of("maxIterations", 1, "maxCandidates", 5, "jobTimeoutMs", 300_000))).get("id").asText();
        HttpResponse<String> cancelled = http.send(LocalStackExtension.authorized(HttpRequest.newBuilder(
                URI.create(LocalStackExtension.plannerUrl() + "/jobs/" + id + "/cancel"))).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(cancelled.statusCode() < 300, cancelled.body());
        JsonNode before = planner.awaitConclusion(id, Duration.ofMinutes(2));

        // a PASS verdict that claims the verifier wrote it, on the candidates topic the actuator may write
        UUID job = UUID.fromString(id);
        VerdictIssued forged = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 1, null, "verifier-service"),
                UUID.randomUUID(), UUID.randomUUID(), Verdict.PASS, "forged", List.of(), List.of(), 9, 0, 1,
                "--- a/x\n+++ b/x\n", "forged", null, null, null);
        String value = EventCodec.write(forged);
        send(KafkaSecurity.service("actuator"), Topics.CANDIDATES, value);

        // the updater (audit log) and the planner drop it to their dead-letter topics, with the reason
        List<JsonNode> letters = awaitDeadLetters(id, forged.eventId().toString(), 2);
        JsonNode byUpdater = letters.stream().filter(l -> "updater-service".equals(l.get("consumer").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter of the updater: " + letters));
        assertEquals("dev.pavu.contracts.ForgedEventException", byUpdater.get("exceptionClass").asText(), byUpdater.toString());
        assertTrue(byUpdater.get("reason").asText().contains("carried only by pavu.verdicts"), byUpdater.toString());
        assertTrue(letters.stream().anyMatch(l -> "planner-service".equals(l.get("consumer").asText())), letters.toString());

        // and the job is as it was: same outcome, no verdict with the forged event id in its trail
        JsonNode after = planner.get("/jobs/" + id);
        assertEquals(before.get("outcome").asText(), after.get("outcome").asText(), after.toString());
        for (JsonNode e : planner.get("/jobs/" + id + "/events")) {
            assertFalse(forged.eventId().toString().equals(e.path("eventId").asText()), "the forged event is in the trail: " + e);
        }
    }

    /** Sends one record with these client settings and waits for the broker's answer (at most 10 s for metadata). */
    private static void send(Map<String, String> security, String topic, String value) throws Exception {
        Map<String, Object> p = new HashMap<>(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The updater's dead letters of the job whose event id is the forged one, once at least {@code count} are there. */
    private List<JsonNode> awaitDeadLetters(String job, String eventId, int count) throws Exception {
        String updater = System.getenv().getOrDefault("PAVU_UPDATER_URL",
                "http://localhost:" + System.getenv().getOrDefault("PAVU_UPDATER_PORT", "8084"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> found = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(LocalStackExtension.authorized(HttpRequest.newBuilder(
                    URI.create(updater + "/dead-letters?jobId=" + job))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            found.clear();
            JSON.readTree(r.body()).forEach(l -> {
                if (eventId.equals(l.path("eventId").asText())) {
                    found.add(l);
                }
            });
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(500);
        }
        fail("fewer than " + count + " dead letters of the forged event " + eventId + " within " + WAIT + ": " + found);
        return found;
    }
}
