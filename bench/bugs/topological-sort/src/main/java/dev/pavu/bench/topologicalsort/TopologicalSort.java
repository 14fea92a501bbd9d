package dev.pavu.bench.topologicalsort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Kahn's algorithm; among the ready nodes the alphabetically first goes next, so the order is deterministic. */
public final class TopologicalSort {

    private TopologicalSort() {
    }

    public static List<String> sort(Collection<String> nodes, List<Dependency> dependencies) {
        Map<String, List<String>> successors = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        for (String node : nodes) {
            successors.put(node, new ArrayList<>());
            indegree.put(node, 0);
        }
        for (Dependency d : dependencies) {
            successors.get(d.before()).add(d.after());
            indegree.merge(d.after(), 1, Integer::sum);
        }
        PriorityQueue<String> ready = new PriorityQueue<>();
        for (String node : nodes) {
            if (indegree.get(node) == 0) {
                ready.add(node);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String u = ready.poll();
            order.add(u);
            for (String v : successors.get(u)) {
                if (indegree.merge(v, -1, Integer::sum) == 0) {
                    ready.add(u);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalArgumentException("dependency cycle");
        }
        return order;
    }
}
