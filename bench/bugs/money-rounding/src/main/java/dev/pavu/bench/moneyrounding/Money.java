package dev.pavu.bench.moneyrounding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Cent rounding for invoices: commercial rounding, half a cent rounds up. */
public final class Money {

    private Money() {
    }

    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** VAT on {@code net} at {@code ratePercent} percent, rounded to cents. */
    public static BigDecimal vat(BigDecimal net, BigDecimal ratePercent) {
        return round(net.multiply(ratePercent).movePointLeft(2));
    }

    /** Splits {@code total} into {@code parts} amounts that differ by at most a cent and sum to it. */
    public static List<BigDecimal> split(BigDecimal total, int parts) {
        long cents = round(total).movePointRight(2).longValueExact();
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(BigDecimal.valueOf(cents / parts + (i < cents % parts ? 1 : 0), 2));
        }
        return out;
    }
}
