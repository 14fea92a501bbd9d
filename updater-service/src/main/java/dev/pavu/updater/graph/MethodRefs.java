package dev.pavu.updater.graph;

import java.util.Arrays;
import java.util.List;

/**
 * Reads a method reference of {@code /graph/{sha}/callers|callees|tests-reaching/{method}}: {@code pkg.Type.method}
 * (every overload), {@code pkg.Type.method(ParamType, …)} (each parameter type qualified, or simple to match any
 * package), or a bare method name (every method of that name, in every type).
 */
final class MethodRefs {

    private MethodRefs() {
    }

    /**
     * @param graphs the queries
     * @param graph  the graph
     * @param ref    the reference
     * @return the methods and constructors it names (several when it is ambiguous), by signature
     */
    static List<GraphQueries.Stored> find(GraphQueries graphs, long graph, String ref) {
        int open = ref.indexOf('(');
        if (open < 0) {
            return graphs.methods(graph, ref.contains(".") ? "qualified_name" : "simple_name", ref);
        }
        if (!ref.endsWith(")")) {
            return List.of();
        }
        String name = ref.substring(0, open).strip();
        List<String> params = params(ref.substring(open + 1, ref.length() - 1));
        return graphs.methods(graph, name.contains(".") ? "qualified_name" : "simple_name", name).stream()
                .filter(m -> matches(params(between(m.view().signature())), params)).toList();
    }

    private static String between(String signature) {
        return signature.substring(signature.indexOf('(') + 1, signature.lastIndexOf(')'));
    }

    private static List<String> params(String inside) {
        String s = inside.replaceAll("\\s+", "");
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    private static boolean matches(List<String> declared, List<String> given) {
        if (declared.size() != given.size()) {
            return false;
        }
        for (int i = 0; i < declared.size(); i++) {
            String d = declared.get(i);
            String g = given.get(i);
            if (!d.equals(g) && !d.endsWith("." + g)) {
                return false;
            }
        }
        return true;
    }
}
