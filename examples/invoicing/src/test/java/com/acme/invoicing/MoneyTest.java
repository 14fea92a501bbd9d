package com.acme.invoicing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MoneyTest {

    @Test
    void parsesAndPrintsCents() {
        assertEquals("12.30", Money.of("12.3").toString());
        assertEquals(1230, Money.of("12.30").cents());
    }

    @Test
    void arithmetic() {
        assertEquals(Money.of("7.50"), Money.of("2.50").times(3));
        assertEquals(Money.of("1.00"), Money.of("3.50").minus(Money.of("2.50")));
    }

    @Test
    void percentRoundsHalfEven() {
        assertEquals(Money.of("0.12"), Money.of("2.50").percent(new BigDecimal("5")));
        assertEquals(Money.of("2.55"), Money.of("10.00").percent(new BigDecimal("25.5")));
    }
}
