package dev.pavu.bench.shortestpath;

/** A directed edge with a non-negative weight. */
public record Edge(int from, int to, int weight) {

    public Edge {
        if (weight < 0) {
            throw new IllegalArgumentException("negative weight " + weight);
        }
    }
}
