package dev.pavu.verifier.messaging;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.VerifySpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CandidateOrderTest {

    private static final SourceRef SRC = new SourceRef("bundle", null, null, "c".repeat(40), "a".repeat(64));

    private static DiffProposed diff(UUID job, int index, double priority) {
        return new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, job, 1, null, "actuator-service"), UUID.randomUUID(),
                UUID.randomUUID(), SRC, "diff --git a/x b/x", "template", "p", "d", priority, index,
                new VerifySpec(null, 60_000, List.of(), false));
    }

    @Test
    void partitionOrderIsUndoneWithinAJobAndJobsTakeTurnsInArrivalOrder() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // as read from four partitions: rank order lost
        List<DiffProposed> arrived = List.of(
                diff(first, 7, 0.2), diff(second, 0, 0.9), diff(first, 0, 0.95), diff(first, 3, 0.5),
                diff(second, 1, 0.8), diff(first, 1, 0.5));
        // first's ranking: 2 (0.95), 5 (0.5, index 1), 3 (0.5, index 3), 0; second's: 1, 4; first arrived first
        assertEquals(List.of(2, 1, 5, 4, 3, 0), CandidateOrder.mostPromisingFirst(arrived));
    }

    @Test
    void aJobWithManyCandidatesDelaysAnotherByOneCandidatePerTurn() {
        UUID looping = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<DiffProposed> arrived = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            arrived.add(diff(looping, i, 0.9 - i * 0.1));
        }
        arrived.add(diff(other, 0, 0.1));
        arrived.add(diff(other, 1, 0.05));
        assertEquals(List.of(0, 6, 1, 7, 2, 3, 4, 5), CandidateOrder.mostPromisingFirst(arrived));
    }

    @Test
    void equalPrioritiesFollowTheActuatorsRankThenArrival() {
        UUID job = UUID.randomUUID();
        List<DiffProposed> arrived = List.of(diff(job, 2, 0.5), diff(job, 1, 0.5), diff(job, 1, 0.5));
        assertEquals(List.of(1, 2, 0), CandidateOrder.mostPromisingFirst(arrived));
    }
}
