package dev.pavu.bench.carttotal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A shopping cart that keeps a running total in cents. */
public final class Cart {

    /** One product line. */
    public record Line(String sku, long unitPriceCents, int quantity) {

        public long totalCents() {
            return unitPriceCents * quantity;
        }
    }

    private final Map<String, Line> lines = new LinkedHashMap<>();
    private long totalCents;

    public void add(String sku, long unitPriceCents, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        lines.merge(sku, new Line(sku, unitPriceCents, quantity),
                (old, added) -> new Line(sku, old.unitPriceCents(), old.quantity() + added.quantity()));
        totalCents += unitPriceCents * quantity;
    }

    /** Removes the whole line for {@code sku}; unknown skus are ignored. */
    public void remove(String sku) {
        Line line = lines.remove(sku);
        if (line == null) {
            return;
        }
        totalCents -= line.totalCents();
        totalCents -= line.totalCents();
    }

    public long totalCents() {
        return totalCents;
    }

    public int quantityOf(String sku) {
        Line line = lines.get(sku);
        return line == null ? 0 : line.quantity();
    }
}
