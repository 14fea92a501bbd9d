package dev.pavu.actuator.proposer.patterns;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordered table operator → (replacement → weight) used by the operator-replacement patterns.
 * Insertion order is the order the alternatives are proposed in.
 */
final class OperatorTable<O> {

    private final Map<O, Map<O, Double>> rows = new LinkedHashMap<>();

    OperatorTable<O> row(O from, Object... replacementsAndWeights) {
        Map<O, Double> row = new LinkedHashMap<>();
        for (int i = 0; i < replacementsAndWeights.length; i += 2) {
            @SuppressWarnings("unchecked")
            O to = (O) replacementsAndWeights[i];
            row.put(to, ((Number) replacementsAndWeights[i + 1]).doubleValue());
        }
        rows.put(from, row);
        return this;
    }

    Map<O, Double> alternatives(O from) {
        return rows.getOrDefault(from, Map.of());
    }

    boolean handles(O op) {
        return rows.containsKey(op);
    }
}
