package com.acme.invoicing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount of money in cents of a single currency. */
public record Money(long cents) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

    public Money plus(Money other) {
        return new Money(cents + other.cents);
    }

    public Money minus(Money other) {
        return new Money(cents - other.cents);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(cents, quantity));
    }

    /** This amount scaled by a percentage, rounded half-even to the cent. */
    public Money percent(BigDecimal percent) {
        BigDecimal scaled = BigDecimal.valueOf(cents).multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN);
        return new Money(scaled.longValueExact());
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(cents, other.cents);
    }

    @Override
    public String toString() {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
