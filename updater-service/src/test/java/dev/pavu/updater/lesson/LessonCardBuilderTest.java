package dev.pavu.updater.lesson;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cards of jobs without failing tests: a FIX_LOG job's error log, and a job that failed before any run. */
class LessonCardBuilderTest {

    private static final LessonConfig CONFIG = new LessonConfig() {
        public boolean enabled() {
            return true;
        }

        public boolean warmUp() {
            return false;
        }

        public java.time.Duration sweepInterval() {
            return java.time.Duration.ofSeconds(30);
        }

        public int maxCardChars() {
            return 4000;
        }

        public int maxMessageChars() {
            return 300;
        }

        public int maxDiffChars() {
            return 2000;
        }
    };

    private final LessonCardBuilder builder = new LessonCardBuilder(CONFIG);

    @Test
    void aFixLogJobsSignatureComesFromItsErrorLog() {
        UUID job = UUID.randomUUID();
        String log = "12:00:01 ERROR boom\njava.lang.IllegalStateException: queue 17 is empty\n"
                + "\tat demo.Queue.take(Queue.java:40)\n\tat demo.Main.main(Main.java:9)\n";
        JobSubmitted submitted = new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("bundle", null, null, null, null),
                new TaskSpec(TaskKind.FIX_LOG, "", null, log, null, "acme", null), Budget.DEFAULT);
        JobConcluded concluded = conclusion(job, Outcome.FAILED, "the project does not build: 3 compile errors");
        LessonCard card = builder.build("acme", List.of(submitted, concluded), concluded);
        assertEquals("java.lang.IllegalStateException", card.signature().exception());
        assertEquals("queue <num> is empty", card.signature().messageShape());
        assertEquals(List.of("demo.Queue.take", "demo.Main.main"), card.signature().suspicious());
        assertEquals("FIX_LOG", card.taskKind());
        assertNull(card.fix());
        assertEquals(0, card.tried().candidates());
        assertTrue(card.text().endsWith("Not fixed (FAILED): the project does not build: 3 compile errors"), card.text());
        assertEquals("java.lang.IllegalStateException: queue <num> is empty\nSuspicious: demo.Queue.take, demo.Main.main",
                builder.embeddedText(card));
    }

    @Test
    void aJobWithNoFailureIsEmbeddedByItsOutcomeAndReason() {
        UUID job = UUID.randomUUID();
        JobConcluded concluded = conclusion(job, Outcome.FAILED, "the source\u0007 is unreachable: 404");
        List<PavuEvent> events = List.of(concluded);
        LessonCard card = builder.build("default", events, concluded);
        assertNull(card.signature().exception());
        assertEquals(List.of(), card.signature().failingTests());
        assertEquals("FAILED: the source is unreachable: 404", builder.embeddedText(card));
        assertTrue(card.text().startsWith("Job " + job + ": FAILED\nFailure: unknown exception\n"), card.text());
    }

    private static JobConcluded conclusion(UUID job, Outcome outcome, String reason) {
        return new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job, 0, null, "planner-service"), outcome, reason,
                null, null, 0, 1000);
    }
}
