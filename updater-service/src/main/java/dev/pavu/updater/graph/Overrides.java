package dev.pavu.updater.graph;

import dev.pavu.updater.graph.GraphModel.Edge;
import dev.pavu.updater.graph.GraphModel.EdgeKind;
import dev.pavu.updater.graph.GraphModel.Kind;
import dev.pavu.updater.graph.GraphModel.Symbol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OVERRIDES edges: a method overrides a method of the same name and erased parameter types declared by one of its
 * type's project supertypes (transitively). Where no exact match exists (a generic supertype whose parameter erases
 * differently), a single supertype method of the same name and number of parameters counts. Supertypes outside the
 * project (the JDK, libraries) give no edge: the graph has no symbol for them.
 */
final class Overrides {

    private Overrides() {
    }

    /**
     * @param symbols   the graph's symbols
     * @param ids       signature → symbol id
     * @param ancestors type → its supertypes' qualified names
     * @return the OVERRIDES edges
     */
    static List<Edge> of(List<Symbol> symbols, Map<String, Integer> ids, Map<String, List<String>> ancestors) {
        Map<String, List<Symbol>> methodsByOwner = new java.util.HashMap<>();
        for (Symbol s : symbols) {
            if (s.kind() == Kind.METHOD && s.owner() != null) {
                methodsByOwner.computeIfAbsent(s.owner(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Edge> out = new ArrayList<>();
        for (Symbol m : symbols) {
            if (m.kind() != Kind.METHOD || m.owner() == null) {
                continue;
            }
            String params = m.signature().substring(m.owner().length()); // ".name(T1, T2)"
            int arity = arity(m.signature());
            for (String superType : supertypes(m.owner(), ancestors)) {
                Integer exact = ids.get(superType + params);
                if (exact != null) {
                    out.add(new Edge(EdgeKind.OVERRIDES, m.id(), exact, 0));
                    continue;
                }
                List<Symbol> sameName = methodsByOwner.getOrDefault(superType, List.of()).stream()
                        .filter(c -> c.simpleName().equals(m.simpleName()) && arity(c.signature()) == arity).toList();
                if (sameName.size() == 1) {
                    out.add(new Edge(EdgeKind.OVERRIDES, m.id(), sameName.getFirst().id(), 0));
                }
            }
        }
        return out;
    }

    private static Set<String> supertypes(String type, Map<String, List<String>> ancestors) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(ancestors.getOrDefault(type, List.of()));
        while (!todo.isEmpty() && seen.size() < 1000) {
            String t = todo.poll();
            if (!t.equals(type) && seen.add(t)) {
                todo.addAll(ancestors.getOrDefault(t, List.of()));
            }
        }
        return seen;
    }

    private static int arity(String signature) {
        String inside = signature.substring(signature.indexOf('(') + 1, signature.lastIndexOf(')')).strip();
        return inside.isEmpty() ? 0 : inside.split(",").length;
    }
}
