package com.acme.invoicing;

import java.util.ArrayList;
import java.util.List;

/** An invoice to one customer region: lines, volume discounts, VAT. */
public final class Invoice {

    private final String region;
    private final List<LineItem> lines = new ArrayList<>();
    private final VolumeDiscount discount;
    private final TaxTable taxes;

    public Invoice(String region, VolumeDiscount discount, TaxTable taxes) {
        this.region = region;
        this.discount = discount;
        this.taxes = taxes;
    }

    public Invoice add(LineItem line) {
        lines.add(line);
        return this;
    }

    public List<LineItem> lines() {
        return List.copyOf(lines);
    }

    public Money subtotal() {
        Money sum = Money.ZERO;
        for (LineItem line : lines) {
            sum = sum.plus(line.gross());
        }
        return sum;
    }

    public Money discounts() {
        Money sum = Money.ZERO;
        for (LineItem line : lines) {
            sum = sum.plus(discount.discountOn(line));
        }
        return sum;
    }

    public Money net() {
        return subtotal().minus(discounts());
    }

    public Money tax() {
        return taxes.taxOn(net(), region);
    }

    public Money total() {
        return net().plus(tax());
    }
}
