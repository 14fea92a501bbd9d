package dev.pavu.verifier.messaging;

import dev.pavu.contracts.DiffProposed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The order in which one worker verifies the candidates it has read in one poll.
 *
 * <p>Within a job, candidates go by {@link DiffProposed#priority()} (higher first), then by
 * {@link DiffProposed#candidateIndex()} (the actuator's rank), then by arrival. Between jobs the worker takes
 * turns (round robin, jobs in the order their first candidate arrived): each job's best candidate, then each
 * job's second best, and so on. A job whose candidates loop until their wall-clock limit therefore delays another
 * job by at most one candidate per turn instead of by its whole batch.
 */
public final class CandidateOrder {

    private CandidateOrder() {
    }

    /**
     * @param arrived candidates in the order they were read
     * @return indexes into {@code arrived}, in the order to verify them
     */
    public static List<Integer> mostPromisingFirst(List<DiffProposed> arrived) {
        Map<UUID, List<Integer>> byJob = new LinkedHashMap<>();
        for (int i = 0; i < arrived.size(); i++) {
            byJob.computeIfAbsent(arrived.get(i).jobId(), j -> new ArrayList<>()).add(i);
        }
        Comparator<Integer> withinJob = Comparator.<Integer>comparingDouble(i -> -arrived.get(i).priority())
                .thenComparingInt(i -> arrived.get(i).candidateIndex())
                .thenComparingInt(i -> i);
        byJob.values().forEach(l -> l.sort(withinJob));
        List<Integer> order = new ArrayList<>(arrived.size());
        for (int turn = 0; order.size() < arrived.size(); turn++) {
            for (List<Integer> job : byJob.values()) {
                if (turn < job.size()) {
                    order.add(job.get(turn));
                }
            }
        }
        return order;
    }
}
