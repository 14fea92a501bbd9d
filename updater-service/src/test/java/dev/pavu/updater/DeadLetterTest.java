package dev.pavu.updater;

import dev.pavu.testsupport.Await;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import dev.pavu.updater.service.DeadLetterService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dead letters against the real broker and database: a malformed event sent to a real topic lands in the
 * consumer's own dead-letter topic ({@code <topic>.dlq.<group>}) with every header, the updater stores it
 * ({@code GET /dead-letters}), the job's audit trail shows the gap with its reason, and a replay re-delivers it
 * exactly once to the retry topic of the group that gave up, which reads it (a second replay is refused with a
 * problem body).
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
class DeadLetterTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    DeadLetterService deadLetters;

    @Test
    void aMalformedEventIsDeadLetteredListedShownAndReplayedOnce() {
        UUID job = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        // readable JSON with an envelope, but a type nobody knows: the updater's verdicts-in cannot record it
        String value = "{\"envelope\":{\"type\":\"pavu.nonsense.v1\",\"eventId\":\"" + eventId + "\",\"jobId\":\""
                + job + "\",\"iteration\":2,\"producer\":\"hostile\"}}";
        KafkaProbe.send(TestTopics.VERDICTS, job.toString(), value,
                Map.of("ce_id", eventId.toString(), "ce_type", "pavu.nonsense.v1", "ce_subject", job.toString()));

        String dlqTopic = TestTopics.deadLetter("verdicts-in");
        assertEquals("pavu.test-updater.verdicts.dlq.updater-service-test", dlqTopic);
        List<ConsumerRecord<String, String>> dead = KafkaProbe.await(dlqTopic, r -> value.equals(r.value()), 1, WAIT);
        assertEquals(1, dead.size(), "the malformed event is on the updater's own dead-letter topic of pavu.verdicts");
        ConsumerRecord<String, String> d = dead.getFirst();
        assertEquals(job.toString(), d.key(), "the original key is kept");
        assertEquals("dev.pavu.contracts.EventFormatException", header(d, "dead-letter-exception-class-name"),
                "the consumer's own exception, not the messaging layer's wrapper");
        assertTrue(header(d, "dead-letter-reason").contains("pavu.nonsense.v1"), header(d, "dead-letter-reason"));
        assertEquals(TestTopics.VERDICTS, header(d, "dead-letter-topic"));
        assertTrue(header(d, "dead-letter-partition").matches("\\d+"));
        assertTrue(header(d, "dead-letter-offset").matches("\\d+"));
        assertEquals("updater-service", header(d, "pavu-dlq-service"));
        assertEquals("updater-service-test", header(d, "pavu-dlq-group"));
        assertEquals("verdicts-in", header(d, "pavu-dlq-channel"));
        assertEquals("1", header(d, "pavu-dlq-attempts"), "not transient: tried once");
        assertNotNull(header(d, "pavu-dlq-at"));
        long originalTimestamp = KafkaProbe.await(TestTopics.VERDICTS, r -> value.equals(r.value()), 1, WAIT).getFirst()
                .timestamp();
        assertEquals(Long.toString(originalTimestamp), header(d, "pavu-dlq-original-timestamp"),
                "the failed record's own timestamp names it beside its position");
        assertEquals(eventId.toString(), header(d, "ce_id"), "the original headers are copied");

        // the updater stores it: listed by job and by consumer, not under another consumer
        JsonPath listed = awaitList(job);
        long id = listed.getLong("[0].id");
        assertEquals("updater-service", listed.getString("[0].consumer"));
        assertEquals("verdicts-in", listed.getString("[0].channel"));
        assertEquals(eventId.toString(), listed.getString("[0].eventId"));
        assertEquals(TestTopics.VERDICTS, listed.getString("[0].original.topic"));
        assertEquals(Long.parseLong(header(d, "dead-letter-offset")), listed.getLong("[0].original.offset"));
        assertEquals(1, listed.getInt("[0].attempts"));
        given().queryParam("jobId", job.toString()).queryParam("consumer", "updater-service-test")
                .when().get("/dead-letters").then().statusCode(200).body("size()", equalTo(1));
        given().queryParam("jobId", job.toString()).queryParam("consumer", "planner-service")
                .when().get("/dead-letters").then().statusCode(200).body("size()", equalTo(0));
        given().when().get("/dead-letters/{id}", id).then().statusCode(200)
                .body("value", equalTo(value)).body("headers.ce_id", equalTo(eventId.toString()))
                .body("replayedAt", equalTo(null));

        // the job's audit trail shows the gap with its reason
        JsonPath trail = given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath();
        assertEquals(1, trail.getList("$").size());
        assertEquals("pavu.dead-lettered.v1", trail.getString("[0].type"));
        assertEquals(eventId.toString(), trail.getString("[0].causationId"));
        assertTrue(trail.getString("[0].payload.reason").contains("pavu.nonsense.v1"));
        assertEquals("updater-service", trail.getString("[0].payload.consumer"));
        assertEquals(id, trail.getLong("[0].payload.deadLetterId"));

        // a redelivery: the consumer's group rebalanced before it committed, so the same record failed and was
        // dead-lettered again (same original position, new dead-letter offset). Stored twice, one gap in the trail.
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        d.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        KafkaProbe.send(dlqTopic, d.key(), value, headers);
        awaitListed(job, 2);
        assertEquals(1, given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath()
                .getList("$").size(), "one gap for one failed record, however often it was dead-lettered");

        // replay: once, with the same event id, to the retry topic of the group that gave up (the updater may not
        // write the event topics: Kafka ACLs), which that group reads beside the original topic
        String retryTopic = "pavu.test-updater.verdicts.retry.updater-service-test";
        assertEquals(retryTopic, dev.pavu.contracts.Topics.retryOf(dlqTopic));
        given().contentType(ContentType.JSON).body("{\"by\":\"operator-ann\"}")
                .when().post("/dead-letters/{id}/replay", id).then().statusCode(200)
                .body("replayedBy", equalTo("pavu-service for operator-ann")) // the caller decides; the body adds a name
                .body("replayedAt", org.hamcrest.Matchers.notNullValue());
        List<ConsumerRecord<String, String>> again = KafkaProbe.await(retryTopic, r -> value.equals(r.value()), 1, WAIT);
        assertEquals(1, again.size(), "the replay");
        ConsumerRecord<String, String> replayed = again.getFirst();
        assertEquals(job.toString(), replayed.key());
        assertEquals(eventId.toString(), header(replayed, "ce_id"), "the same event id");
        assertEquals(Long.toString(id), header(replayed, "pavu-replay-of"));
        assertEquals(1, KafkaProbe.await(TestTopics.VERDICTS, r -> value.equals(r.value()), 2, Duration.ofSeconds(5)).size(),
                "nothing more on the original topic: no other consumer group sees the replay");
        // the group that gave up read it again (and, the type being still unknown, gave up again: from the retry topic)
        assertEquals(1, KafkaProbe.await(dlqTopic, r -> value.equals(r.value()) && retryTopic.equals(header(r, "dead-letter-topic")),
                1, WAIT).size(), "the updater's verdicts-in consumed the retry topic");

        // a second replay is refused with a problem body, and sends nothing
        given().contentType(ContentType.JSON).body("{\"by\":\"operator-bob\"}")
                .when().post("/dead-letters/{id}/replay", id).then().statusCode(409)
                .contentType(ContentType.JSON).body("status", equalTo(409))
                .body("detail", containsString("replayed")).body("detail", containsString("operator-ann"));
        assertEquals(1, KafkaProbe.await(retryTopic, r -> value.equals(r.value()), 2, Duration.ofSeconds(10)).size(),
                "the refused replay published nothing");
    }

    /**
     * Internal trust, the consumer's half: a verdict sent on the plans topic (which the actuator may write) and a
     * verdict naming the actuator as its producer are dropped to the dead-letter topic with the reason, and neither
     * reaches the job's audit trail as an event.
     */
    @Test
    void aForgedVerdictIsDeadLetteredWithTheReasonAndNeverAudited() {
        UUID job = UUID.randomUUID();
        var env = dev.pavu.contracts.Envelope.of(dev.pavu.contracts.EventTypes.VERDICT_ISSUED, job, 1, UUID.randomUUID(),
                "verifier-service");
        String onPlans = dev.pavu.contracts.EventCodec.write(new dev.pavu.contracts.VerdictIssued(env, UUID.randomUUID(),
                UUID.randomUUID(), dev.pavu.contracts.Verdict.PASS, "forged", List.of(), List.of(), 1, 0, 1, "", "p", null,
                null, null));
        String namingActuator = onPlans.replace(env.eventId().toString(), UUID.randomUUID().toString())
                .replace("\"verifier-service\"", "\"actuator-service\"");
        KafkaProbe.send(TestTopics.PLANS, job.toString(), onPlans);
        KafkaProbe.send(TestTopics.VERDICTS, job.toString(), namingActuator);

        var onPlansDead = KafkaProbe.await(TestTopics.deadLetter("plans-in"), r -> onPlans.equals(r.value()), 1, WAIT);
        assertEquals(1, onPlansDead.size(), "the verdict on the plans topic is dead-lettered");
        assertEquals("dev.pavu.contracts.ForgedEventException", header(onPlansDead.getFirst(), "dead-letter-exception-class-name"));
        assertTrue(header(onPlansDead.getFirst(), "dead-letter-reason").contains("carried only by pavu.verdicts"),
                header(onPlansDead.getFirst(), "dead-letter-reason"));
        var namingDead = KafkaProbe.await(TestTopics.deadLetter("verdicts-in"), r -> namingActuator.equals(r.value()), 1, WAIT);
        assertEquals(1, namingDead.size(), "the verdict naming the actuator is dead-lettered");
        assertTrue(header(namingDead.getFirst(), "dead-letter-reason")
                .contains("names producer 'actuator-service', but only verifier-service publishes it"));

        JsonPath trail = awaitTrail(job, 2);
        for (int i = 0; i < 2; i++) {
            assertEquals("pavu.dead-lettered.v1", trail.getString("[" + i + "].type"), "only gaps in the trail");
        }
    }

    /** Waits until the job's audit trail has {@code count} entries. */
    private static JsonPath awaitTrail(UUID job, int count) {
        JsonPath[] last = new JsonPath[1];
        Await.until(count + " entries in the trail of " + job, WAIT, () -> {
            last[0] = given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath();
            return last[0].getList("$").size() >= count;
        });
        return last[0];
    }

    /**
     * A new broker beside a kept database (a recreated topic, a fresh cluster) starts its offsets again: a new dead
     * letter then sits at an old one's position. It is still stored, and still a gap of its own job; only a record
     * with the same timestamp too is a redelivery.
     */
    @Test
    void aNewBrokersOffsetsDoNotHideANewFailure() {
        String dlq = "pavu.test-updater.verdicts.dlq.reset-" + UUID.randomUUID();
        UUID firstJob = UUID.randomUUID();
        UUID secondJob = UUID.randomUUID();
        // timestamps of this run: a real record's position and timestamp name it, so a kept database must not
        // already hold the gaps of an earlier run of this test
        long first = System.currentTimeMillis();
        assertTrue(deadLetters.ingest(deadLetter(dlq, firstJob, first)).isPresent());
        // the new broker: the same dead-letter position and the same original position, a later timestamp
        assertTrue(deadLetters.ingest(deadLetter(dlq, secondJob, first + 1_000)).isPresent(), "a new failure is stored");
        assertTrue(deadLetters.ingest(deadLetter(dlq, secondJob, first + 1_000)).isEmpty(), "a redelivery is not");
        for (UUID job : List.of(firstJob, secondJob)) {
            JsonPath trail = given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath();
            assertEquals(1, trail.getList("$").size(), "one gap in the trail of " + job);
            assertEquals("pavu.dead-lettered.v1", trail.getString("[0].type"));
        }
    }

    /** A dead letter at offset 7 of partition 0, of a record at offset 3 of partition 0 of pavu.verdicts. */
    private static ConsumerRecord<String, String> deadLetter(String dlq, UUID job, long timestamp) {
        RecordHeaders h = new RecordHeaders();
        Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "pavu.nonsense.v1", "ce_subject", job.toString(),
                "dead-letter-topic", TestTopics.VERDICTS, "dead-letter-partition", "0", "dead-letter-offset", "3",
                "dead-letter-reason", "unknown event type 'pavu.nonsense.v1'", "pavu-dlq-service", "updater-service",
                "pavu-dlq-group", "updater-service-test", "pavu-dlq-original-timestamp", Long.toString(timestamp - 10))
                .forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(dlq, 0, 7, timestamp, TimestampType.CREATE_TIME, -1, -1, job.toString(),
                "{\"envelope\":{\"type\":\"pavu.nonsense.v1\"}}", h, Optional.empty());
    }

    @Test
    void unknownAndMalformedIdsAreProblems() {
        given().when().get("/dead-letters/{id}", 999_999_999L).then().statusCode(404).body("status", equalTo(404));
        given().when().get("/dead-letters/{id}", "abc").then().statusCode(400).body("detail", containsString("positive number"));
        given().contentType(ContentType.JSON).body("{}").when().post("/dead-letters/{id}/replay", 999_999_999L)
                .then().statusCode(404);
        given().queryParam("consumer", "x; drop table").when().get("/dead-letters").then().statusCode(400);
        given().queryParam("jobId", "nope").when().get("/dead-letters").then().statusCode(400);
    }

    private static JsonPath awaitList(UUID job) {
        return awaitListed(job, 1);
    }

    /** Waits until {@code GET /dead-letters?jobId=} lists at least {@code count} dead letters of the job. */
    private static JsonPath awaitListed(UUID job, int count) {
        JsonPath[] last = new JsonPath[1];
        Await.until(count + " dead letter(s) of job " + job + " in GET /dead-letters", WAIT, () -> {
            last[0] = given().queryParam("jobId", job.toString()).when().get("/dead-letters").then().statusCode(200)
                    .extract().jsonPath();
            return last[0].getList("$").size() >= count;
        });
        return last[0];
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
