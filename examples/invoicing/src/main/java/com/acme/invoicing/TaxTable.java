package com.acme.invoicing;

import java.math.BigDecimal;
import java.util.Map;

/** VAT rates by region code. */
public final class TaxTable {

    private final Map<String, BigDecimal> ratesByRegion;

    public TaxTable(Map<String, BigDecimal> ratesByRegion) {
        this.ratesByRegion = Map.copyOf(ratesByRegion);
    }

    public static TaxTable standard() {
        return new TaxTable(Map.of(
                "FI", new BigDecimal("25.5"),
                "DE", new BigDecimal("19"),
                "EE", new BigDecimal("24")));
    }

    public BigDecimal rateFor(String region) {
        BigDecimal rate = ratesByRegion.get(region);
        if (rate == null) {
            throw new IllegalArgumentException("no VAT rate for region " + region);
        }
        return rate;
    }

    public Money taxOn(Money net, String region) {
        return net.percent(rateFor(region));
    }
}
