package dev.pavu.bench.shortestpath;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class DijkstraTest {

    private static final int INF = Dijkstra.INFINITY;

    @Test
    void sourceOnly() {
        assertArrayEquals(new int[] {0}, Dijkstra.distances(1, List.of(), 0));
    }

    @Test
    void chain() {
        assertArrayEquals(new int[] {0, 2, 5},
                Dijkstra.distances(3, List.of(new Edge(0, 1, 2), new Edge(1, 2, 3)), 0));
    }

    @Test
    void prefersTheCheaperDetour() {
        List<Edge> edges = List.of(new Edge(0, 2, 10), new Edge(0, 1, 1), new Edge(1, 2, 2), new Edge(2, 3, 1));
        assertArrayEquals(new int[] {0, 1, 3, 4}, Dijkstra.distances(4, edges, 0));
    }

    @Test
    void isolatedVertexIsUnreachable() {
        assertArrayEquals(new int[] {0, 4, INF}, Dijkstra.distances(3, List.of(new Edge(0, 1, 4)), 0));
    }

    @Test
    void unreachableComponentStaysUnreachable() {
        List<Edge> edges = List.of(new Edge(0, 1, 1), new Edge(2, 3, 1), new Edge(3, 2, 1));
        assertArrayEquals(new int[] {0, 1, INF, INF}, Dijkstra.distances(4, edges, 0));
    }
}
