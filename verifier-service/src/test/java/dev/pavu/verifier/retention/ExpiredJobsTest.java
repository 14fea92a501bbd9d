package dev.pavu.verifier.retention;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobExpired;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.FakePlanner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link JobExpired} through the real broker ({@code jobs-in}, this run's copy of {@code pavu.jobs}) and database: the
 * job's logs, workspaces, runs and queue rows go, and the released source's baseline tests; another job's stay; a
 * redelivered event changes nothing.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class ExpiredJobsTest {

    @Inject
    EntityManager em;

    private static final String SHA = "ab".repeat(32);

    private void run(UUID job, UUID candidate) throws Exception {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into runs (candidate_id, job_id, plan_id, diff_event_id, iteration, state, worker, "
                            + "verdict, verdict_json) values (:c, :j, :p, :d, 1, 'DONE', 'test', 'FAIL', '{}')")
                    .setParameter("c", candidate).setParameter("j", job).setParameter("p", UUID.randomUUID())
                    .setParameter("d", UUID.randomUUID()).executeUpdate();
            em.createNativeQuery("insert into queue (candidate_id, job_id, job_priority, rank_priority, candidate_index, diff_json) "
                    + "values (:c, :j, 5, 1.0, 0, '{}')").setParameter("c", candidate).setParameter("j", job).executeUpdate();
        });
        Files.createDirectories(logs());
        Files.writeString(log(candidate), "build log of " + candidate);
        Path ws = FakePlanner.home().resolve("verifier/work/" + candidate + "/src");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("Left.java"), "class Left {}");
    }

    private static Path logs() {
        return FakePlanner.home().resolve("verifier/logs");
    }

    private static Path log(UUID candidate) {
        return logs().resolve(candidate + ".log");
    }

    private int count(String sql, Object param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter("x", param)
                .getSingleResult()).intValue());
    }

    private static JobExpired expired(UUID job, boolean released) {
        return new JobExpired(Envelope.of(EventTypes.JOB_EXPIRED, job, 1, null, "planner-service"), "acme",
                "keep the last 0 concluded jobs of team acme", Instant.now(), SHA, released, Instant.now());
    }

    private static void awaitTrue(String what, BooleanSupplier check) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            if (check.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("timed out waiting: " + what);
    }

    private void pause(boolean paused) {
        // the workers would take the test's queue rows (they are not real candidates)
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update worker_control set paused = :p where id = 1")
                .setParameter("p", paused).executeUpdate());
    }

    @Test
    void anExpiredJobLosesItsLogsWorkspacesAndRowsOnceAndOtherJobsKeepTheirs() throws Exception {
        pause(true);
        try {
            expireAndRedeliver();
        } finally {
            pause(false);
        }
    }

    private void expireAndRedeliver() throws Exception {
        UUID job = UUID.randomUUID();
        UUID c1 = UUID.randomUUID();
        UUID c2 = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID otherCandidate = UUID.randomUUID();
        run(job, c1);
        run(job, c2);
        run(other, otherCandidate);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into baseline_tests (bundle_sha, commit_id, "
                + "test_command, tests_run, candidate_id) values (:s, 'c0ffee', '', 3, :c) on conflict do nothing")
                .setParameter("s", SHA).setParameter("c", c1).executeUpdate());

        JobExpired event = expired(job, true);
        String json = EventCodec.write(event);
        KafkaProbe.send(FakePlanner.jobsTopic(), job.toString(), json);
        awaitTrue("the job's runs are dropped", () -> count("select count(*) from runs where job_id = :x", job) == 0);

        assertFalse(Files.exists(log(c1)) || Files.exists(log(c2)), "its logs are gone");
        assertFalse(Files.exists(FakePlanner.home().resolve("verifier/work/" + c1)), "its leftover workspace is gone");
        assertEquals(0, count("select count(*) from queue where job_id = :x", job));
        assertEquals(0, count("select count(*) from baseline_tests where bundle_sha = :x", SHA), "the released source's baseline");
        assertEquals(1, count("select count(*) from concluded_jobs where job_id = :x and outcome = 'EXPIRED'", job));
        assertTrue(Files.exists(log(otherCandidate)), "another job's log stays");
        assertEquals(1, count("select count(*) from runs where job_id = :x", other));
        assertEquals(1, count("select count(*) from queue where job_id = :x", other));

        // redelivery: the same record again, then (same key, so same partition, read after it) another job's expiry
        Files.writeString(log(c1), "written after the expiry");
        KafkaProbe.send(FakePlanner.jobsTopic(), job.toString(), json);
        KafkaProbe.send(FakePlanner.jobsTopic(), job.toString(), EventCodec.write(expired(other, false)));
        awaitTrue("the other job's expiry is handled", () -> count("select count(*) from runs where job_id = :x", other) == 0);
        assertTrue(Files.exists(log(c1)), "the redelivered event was not handled again");
        assertFalse(Files.exists(log(otherCandidate)));
    }
}
