package dev.pavu.bench.shortestpath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Single-source shortest paths over non-negative weights (O(V^2) Dijkstra). */
public final class Dijkstra {

    /** Distance of a vertex that cannot be reached. */
    public static final int INFINITY = Integer.MAX_VALUE;

    private Dijkstra() {
    }

    /** Distances from {@code source} to every vertex 0..n-1, INFINITY where unreachable. */
    public static int[] distances(int n, List<Edge> edges, int source) {
        List<List<Edge>> out = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            out.add(new ArrayList<>());
        }
        for (Edge e : edges) {
            out.get(e.from()).add(e);
        }
        int[] dist = new int[n];
        Arrays.fill(dist, INFINITY);
        dist[source] = 0;
        boolean[] done = new boolean[n];
        for (int round = 0; round < n; round++) {
            int u = -1;
            for (int v = 0; v < n; v++) {
                if (!done[v] && (u == -1 || dist[v] < dist[u])) {
                    u = v;
                }
            }
            done[u] = true;
            for (Edge e : out.get(u)) {
                if (dist[u] + e.weight() < dist[e.to()]) {
                    dist[e.to()] = dist[u] + e.weight();
                }
            }
        }
        return dist;
    }
}
