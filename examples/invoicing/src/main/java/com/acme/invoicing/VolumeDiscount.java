package com.acme.invoicing;

import java.math.BigDecimal;

/**
 * Volume discount on a line: 5 % from {@value #BULK_QUANTITY} units, 10 % from
 * {@value #WHOLESALE_QUANTITY} units (thresholds inclusive, as printed in the price list).
 */
public final class VolumeDiscount {

    public static final int BULK_QUANTITY = 10;
    public static final int WHOLESALE_QUANTITY = 50;

    private static final BigDecimal BULK_PERCENT = new BigDecimal("5");
    private static final BigDecimal WHOLESALE_PERCENT = new BigDecimal("10");

    /** The discount percentage for a quantity. */
    public BigDecimal percentFor(int quantity) {
        if (quantity >= WHOLESALE_QUANTITY) {
            return WHOLESALE_PERCENT;
        }
        if (quantity > BULK_QUANTITY) {
            return BULK_PERCENT;
        }
        return BigDecimal.ZERO;
    }

    /** The discount amount of a line. */
    public Money discountOn(LineItem line) {
        return line.gross().percent(percentFor(line.quantity()));
    }
}
