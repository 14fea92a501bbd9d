package demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Spending by category. */
public final class Budget {
    private final Map<String, Double> spent = new LinkedHashMap<>();

    public Budget spend(String category, double amount) {
        spent.merge(category, amount, Double::sum);
        return this;
    }

    public double total() {
        return spent.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The share of one category in the total, in percent. */
    public double shareOf(String category) {
        double amount = spent.getOrDefault(category, 0.0);
        return Percent.of(total(), amount);
    }
}
