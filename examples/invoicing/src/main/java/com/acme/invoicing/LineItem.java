package com.acme.invoicing;

import java.util.Objects;

/** One line of an invoice: a product, how many, at what unit price. */
public record LineItem(String sku, int quantity, Money unitPrice) {

    public LineItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    public Money gross() {
        return unitPrice.times(quantity);
    }
}
