package dev.pavu.updater.graph;

import dev.pavu.updater.graph.GraphModel.Edge;
import dev.pavu.updater.graph.GraphModel.EdgeKind;
import dev.pavu.updater.graph.GraphModel.Kind;
import dev.pavu.updater.graph.GraphModel.Symbol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST_REACHES edges: from each test method, a breadth-first walk over CALLS (through test helpers and main code alike)
 * up to {@code depth} steps; every main-code (not test) method or constructor met gets an edge whose {@code line} is the
 * number of steps of its shortest path. Calls the solver could not resolve are not in CALLS, so a method reached only
 * through a library or by reflection is missed.
 */
final class TestReach {

    private TestReach() {
    }

    /**
     * @param symbols the graph's symbols
     * @param calls   the CALLS edges
     * @param depth   steps at most (≥ 1)
     * @param max     edges at most; tests are walked in symbol order and the walk stops there
     * @return the TEST_REACHES edges
     */
    static List<Edge> of(List<Symbol> symbols, Collection<Edge> calls, int depth, int max) {
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (Edge e : calls) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        List<Edge> edges = new ArrayList<>();
        for (Symbol test : symbols) {
            if (!test.testMethod()) {
                continue;
            }
            Map<Integer, Integer> steps = new HashMap<>();
            List<Integer> frontier = List.of(test.id());
            for (int d = 1; d <= depth && !frontier.isEmpty(); d++) {
                List<Integer> next = new ArrayList<>();
                for (int from : frontier) {
                    for (int to : out.getOrDefault(from, List.of())) {
                        if (to != test.id() && steps.putIfAbsent(to, d) == null) {
                            next.add(to);
                            Symbol s = symbols.get(to);
                            if (!s.test() && (s.kind() == Kind.METHOD || s.kind() == Kind.CONSTRUCTOR)) {
                                if (edges.size() >= max) {
                                    return edges;
                                }
                                edges.add(new Edge(EdgeKind.TEST_REACHES, test.id(), to, d));
                            }
                        }
                    }
                }
                frontier = next;
            }
        }
        return edges;
    }
}
