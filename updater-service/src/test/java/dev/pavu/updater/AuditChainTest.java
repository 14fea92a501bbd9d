package dev.pavu.updater;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.kit.messaging.EventMessages;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.updater.chain.EventHash;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hash chain against the real broker and database: a job's events, read by four consumers at once, form one
 * unbroken chain; a row edited, re-hashed, deleted or inserted in the database by the owning role (triggers off) is
 * named by verification; a prune leaves its record and the chain still verifies; dead letters show as gaps.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
class AuditChainTest {

    private static final int EVENTS = 7;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eventsFromFourTopicsAtOnceFormOneIntactChainPerJob() throws SQLException {
        List<UUID> jobs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        jobs.forEach(AuditChainTest::publishJob);
        for (UUID job : jobs) {
            awaitTrue("all events of " + job, () -> eventCount(job) == EVENTS);
            given().when().get("/audit/jobs/{id}/verify", job).then().statusCode(200)
                    .body("intact", equalTo(true)).body("events", equalTo(EVENTS))
                    .body("summary", equalTo("intact: " + EVENTS + " events")).body("problem", equalTo(null));
            // positions 1..n, each linking to the hash of the one before (the first to none): no fork
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select job_seq, prev_hash, hash from events where job_id = ? order by job_seq")) {
                ps.setObject(1, job);
                String prev = null;
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertEquals(++n, rs.getLong(1));
                        assertEquals(prev, rs.getString(2));
                        assertEquals(64, rs.getString(3).length());
                        prev = rs.getString(3);
                    }
                }
                assertEquals(EVENTS, n);
            }
        }
    }

    @Test
    void aLiveJobVerifiesIntactWhileItsEventsArrive() throws Exception {
        UUID job = recordedJob();
        int late = 80;
        // a concluded job's remaining candidates keep sending (SKIPPED) verdicts: an auditor verifying the job meanwhile
        // must never be told an event was removed or inserted (the rows, the head and the prune are three reads)
        Thread sender = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < late; i++) {
                VerdictIssued v = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 1, null, "verifier-service"),
                        UUID.randomUUID(), UUID.randomUUID(), Verdict.SKIPPED, "late " + i, List.of(), List.of(), 0, 0, 0,
                        "", "p", null, null, null);
                KafkaProbe.send(TestTopics.VERDICTS, EventMessages.keyOf(v), EventCodec.write(v));
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<String> alarms = new ArrayList<>();
        int checks = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && (sender.isAlive() || eventCount(job) < EVENTS + late)) {
            JsonPath v = verify(job);
            checks++;
            if (!v.getBoolean("intact")) {
                alarms.add(v.getString("summary"));
            }
        }
        sender.join();
        assertEquals(EVENTS + late, eventCount(job), "every late verdict reached the log");
        assertTrue(checks > 10, "verified " + checks + " times while events arrived");
        assertEquals(List.of(), alarms, "a false alarm while events arrived, in " + checks + " verifications");
        assertEquals("intact: " + (EVENTS + late) + " events", verify(job).getString("summary"));
    }

    @Test
    void aRowEditedInTheDatabaseIsNamed() throws SQLException {
        UUID job = recordedJob();
        Row fifth = row(job, 5);
        sql("update events set payload = jsonb_set(payload, '{reason}', '\"all tests passed (forged)\"') "
                + "where job_id = '" + job + "' and job_seq = 5", true);
        JsonPath v = verify(job);
        assertFalse(v.getBoolean("intact"));
        assertEquals("CHANGED", v.getString("problem.kind"));
        assertEquals(fifth.eventId.toString(), v.getString("problem.eventId"));
        assertEquals(5, v.getLong("problem.jobSeq"));
        assertEquals(fifth.seq, v.getLong("problem.seq"));
        assertEquals(4, v.getInt("events"), "the four events before it verified");
        assertTrue(v.getString("summary").startsWith("changed: event " + fifth.eventId), v.getString("summary"));
    }

    @Test
    void aRowEditedAndReHashedIsNamedByTheLinkOfItsSuccessor() throws SQLException {
        UUID job = recordedJob();
        Row third = row(job, 3);
        // a forger who knows the algorithm: changes the producer and stores the matching hash of the changed row
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select job_seq, prev_hash, event_id, job_id, type, iteration, causation_id, occurred_at, producer, topic, "
                        + "partition, kafka_offset, record_key, payload::text from events where job_id = ? and job_seq = 3")) {
            ps.setObject(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String forged = EventHash.of(new EventHash.Content(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                        job, rs.getString(5), rs.getInt(6), rs.getObject(7, UUID.class),
                        rs.getObject(8, OffsetDateTime.class).toInstant(), "forger", rs.getString(10), rs.getInt(11),
                        rs.getLong(12), rs.getString(13), rs.getString(14)));
                sql("update events set producer = 'forger', hash = '" + forged + "' where job_id = '" + job
                        + "' and job_seq = 3", true);
            }
        }
        JsonPath v = verify(job);
        assertEquals("CHANGED", v.getString("problem.kind"));
        assertEquals(third.eventId.toString(), v.getString("problem.eventId"));
        assertTrue(v.getString("problem.detail").contains("re-hashed"), v.getString("problem.detail"));
    }

    @Test
    void aDeletedRowIsNamed() throws SQLException {
        UUID job = recordedJob();
        Row fourth = row(job, 4);
        sql("delete from events where job_id = '" + job + "' and job_seq = 3", true);
        JsonPath v = verify(job);
        assertFalse(v.getBoolean("intact"));
        assertEquals("REMOVED", v.getString("problem.kind"));
        assertEquals(3, v.getLong("problem.jobSeq"), "the first missing position");
        assertEquals(fourth.eventId.toString(), v.getString("problem.eventId"), "the event after the hole");
        assertTrue(v.getString("summary").contains("position 3 of the chain is missing"), v.getString("summary"));

        UUID other = recordedJob();
        sql("delete from events where job_id = '" + other + "' and job_seq = " + EVENTS, true);
        JsonPath tail = verify(other);
        assertEquals("REMOVED", tail.getString("problem.kind"), "the last event removed: the chain head tells");
        assertEquals(EVENTS, tail.getLong("problem.jobSeq"));
    }

    @Test
    void anInsertedRowIsNamed() throws SQLException {
        UUID job = recordedJob();
        UUID forged = UUID.randomUUID();
        Row last = row(job, EVENTS);
        // copies the last verdict under a new id at the next position, linked to the last hash, with a made-up hash
        sql("insert into events(event_id, job_id, type, iteration, causation_id, occurred_at, producer, topic, partition, "
                + "kafka_offset, record_key, payload, job_seq, prev_hash, hash) select '" + forged + "', job_id, type, "
                + "iteration, causation_id, occurred_at, producer, topic, partition, kafka_offset + 1, record_key, payload, "
                + "job_seq + 1, hash, repeat('a', 64) from events where event_id = '" + last.eventId + "'", false);
        JsonPath v = verify(job);
        assertEquals("INSERTED", v.getString("problem.kind"));
        assertEquals(forged.toString(), v.getString("problem.eventId"));
        assertEquals(EVENTS + 1, v.getLong("problem.jobSeq"));
        assertEquals(EVENTS, v.getInt("events"));
    }

    @Test
    void aPruneLeavesItsRecordAndTheRestStillVerifies() throws SQLException {
        UUID job = recordedJob();
        given().contentType(ContentType.JSON).body("{\"through\":4,\"reason\":\"retention test\"}")
                .when().post("/audit/jobs/{id}/prune", job).then().statusCode(200)
                .body("intact", equalTo(true)).body("pruned.fromJobSeq", equalTo(1))
                .body("pruned.throughJobSeq", equalTo(4)).body("pruned.eventsRemoved", equalTo(4))
                .body("events", equalTo(EVENTS - 4 + 1));
        JsonPath trail = given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath();
        assertEquals(EVENTS - 4 + 1, trail.getList("$").size());
        assertEquals("pavu.audit.pruned.v1", trail.getString("[" + (EVENTS - 4) + "].type"), "the prune is in the trail");
        assertEquals("retention test", trail.getString("[" + (EVENTS - 4) + "].payload.reason"));
        // a plain delete is still refused
        SQLException refused = assertThrows(SQLException.class,
                () -> sql("delete from events where job_id = '" + job + "'", false));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        // a prune never hides tampering
        sql("update events set producer = 'x' where job_id = '" + job + "' and job_seq = 6", true);
        given().contentType(ContentType.JSON).body("{}").when().post("/audit/jobs/{id}/prune", job).then()
                .statusCode(409).body("detail", containsString("not intact"));
    }

    @Test
    void aDeadLetteredEventIsAGapInTheTrail() {
        UUID job = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String value = "{\"envelope\":{\"type\":\"pavu.nonsense.v1\",\"eventId\":\"" + eventId + "\",\"jobId\":\"" + job
                + "\",\"iteration\":1,\"producer\":\"hostile\"}}";
        publishJob(job);
        KafkaProbe.send(TestTopics.VERDICTS, job.toString(), value,
                Map.of("ce_id", eventId.toString(), "ce_type", "pavu.nonsense.v1", "ce_subject", job.toString()));
        awaitTrue("events and the gap", () -> eventCount(job) >= EVENTS + 1);
        assertEquals(EVENTS + 1, eventCount(job), "the job's events and one gap");
        JsonPath v = verify(job);
        assertTrue(v.getBoolean("intact"), v.getString("summary"));
        assertEquals(1, v.getList("gaps").size());
        assertEquals(eventId.toString(), v.getString("gaps[0].eventId"));
        assertEquals("updater-service", v.getString("gaps[0].consumer"));
        assertTrue(v.getString("gaps[0].reason").contains("pavu.nonsense.v1"), v.getString("gaps[0].reason"));
    }

    @Test
    void unknownJobsAndMalformedIdsAreProblems() {
        given().when().get("/audit/jobs/{id}/verify", UUID.randomUUID()).then().statusCode(404)
                .contentType(ContentType.JSON).body("status", equalTo(404));
        given().when().get("/audit/jobs/{id}/verify", "nope").then().statusCode(400)
                .body("detail", containsString("not a UUID"));
    }

    private record Row(long seq, UUID eventId) {
    }

    private Row row(UUID job, long jobSeq) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select seq, event_id from events where job_id = ? and job_seq = ?")) {
            ps.setObject(1, job);
            ps.setLong(2, jobSeq);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "position " + jobSeq + " of job " + job);
                return new Row(rs.getLong(1), rs.getObject(2, UUID.class));
            }
        }
    }

    /** Runs SQL as the owning role, the append-only triggers off when asked (what a forger with that role can do). */
    private void sql(String statement, boolean triggersOff) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (triggersOff) {
                s.execute("alter table events disable trigger events_no_update_or_delete");
            }
            try {
                s.executeUpdate(statement);
            } finally {
                if (triggersOff) {
                    s.execute("alter table events enable trigger events_no_update_or_delete");
                }
            }
        }
    }

    private static JsonPath verify(UUID job) {
        return given().when().get("/audit/jobs/{id}/verify", job).then().statusCode(200).extract().jsonPath();
    }

    private static UUID recordedJob() {
        UUID job = UUID.randomUUID();
        publishJob(job);
        awaitTrue("all events of " + job, () -> eventCount(job) == EVENTS);
        JsonPath v = verify(job);
        assertTrue(v.getBoolean("intact"), v.getString("summary"));
        assertNull(v.get("problem"));
        return job;
    }

    /** Seven events of one job over the four topics (consumed concurrently by four channels). */
    private static void publishJob(UUID job) {
        SourceRef source = new SourceRef("bundle", null, null, "a".repeat(40), "b".repeat(64));
        VerifySpec verify = new VerifySpec(null, 60_000, List.of(), false);
        List<PavuEvent> all = new ArrayList<>();
        JobSubmitted submitted = new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("bundle", null, null, null, null), new TaskSpec(null, "chain me", null, null, null), Budget.DEFAULT);
        all.add(submitted);
        PlanProposed plan = new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, 1, submitted.eventId(), "planner-service"),
                UUID.randomUUID(), PlanKind.REPAIR, source, null, null, null, 2, verify, null, null);
        all.add(plan);
        for (int i = 0; i < 2; i++) {
            DiffProposed d = new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, job, 1, plan.eventId(), "actuator-service"),
                    UUID.randomUUID(), plan.planId(), source, "--- a/X.java\n+++ b/X.java\n@@ -1 +1 @@\n-a" + i + "\n+b" + i + "\n",
                    "template", "p" + i, "candidate " + i, 0.5, i, verify);
            all.add(d);
            all.add(new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 1, d.eventId(), "verifier-service"),
                    d.candidateId(), plan.planId(), i == 0 ? Verdict.FAIL : Verdict.PASS, "verdict " + i, List.of(),
                    List.of(), 3, i == 0 ? 1 : 0, 100, d.diff(), d.pattern(), null, null, null));
        }
        all.add(new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, 2, submitted.eventId(), "planner-service"),
                UUID.randomUUID(), PlanKind.REPAIR, source, null, null, null, 1, verify, null, null));
        for (PavuEvent e : all) {
            String topic = switch (e) {
                case JobSubmitted ignored -> TestTopics.JOBS;
                case PlanProposed ignored -> TestTopics.PLANS;
                case DiffProposed ignored -> TestTopics.DIFFS;
                default -> TestTopics.VERDICTS;
            };
            KafkaProbe.send(topic, EventMessages.keyOf(e), EventCodec.write(e));
        }
    }

    private static int eventCount(UUID job) {
        return given().when().get("/audit/jobs/{id}/events", job).then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        dev.pavu.testsupport.Await.until(what, Duration.ofSeconds(90), condition);
    }
}
