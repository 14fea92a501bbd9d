package dev.pavu.verifier.messaging;

import dev.pavu.contracts.DiffProposed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The order in which one worker verifies the candidates it has read.
 *
 * <p>Jobs keep the order in which their first candidate arrived (first come, first served between
 * jobs); within a job, candidates go by {@link DiffProposed#priority()} (higher first), then by
 * {@link DiffProposed#candidateIndex()} (the actuator's rank), then by arrival.
 */
public final class CandidateOrder {

    private CandidateOrder() {
    }

    /**
     * @param arrived candidates in the order they were read
     * @return indexes into {@code arrived}, in the order to verify them
     */
    public static List<Integer> mostPromisingFirst(List<DiffProposed> arrived) {
        Map<UUID, Integer> jobRank = new LinkedHashMap<>();
        for (DiffProposed d : arrived) {
            jobRank.putIfAbsent(d.jobId(), jobRank.size());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < arrived.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> jobRank.get(arrived.get(i).jobId()))
                .thenComparing(i -> -arrived.get(i).priority())
                .thenComparingInt(i -> arrived.get(i).candidateIndex())
                .thenComparingInt(i -> i));
        return order;
    }
}
