package dev.pavu.bench.moneyrounding;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MoneyTest {

    private static BigDecimal money(String s) {
        return new BigDecimal(s);
    }

    @Test
    void roundsToCents() {
        assertEquals(money("1.23"), Money.round(money("1.234")));
        assertEquals(money("2.68"), Money.round(money("2.675")));
    }

    @Test
    void halfACentRoundsUp() {
        assertEquals(money("0.13"), Money.round(money("0.125")));
    }

    @Test
    void vat() {
        assertEquals(money("1.90"), Money.vat(money("10.00"), money("19")));
    }

    @Test
    void vatOfHalfACentRoundsUp() {
        assertEquals(money("0.03"), Money.vat(money("0.50"), money("5")));
    }

    @Test
    void splitsIntoEqualParts() {
        assertEquals(List.of(money("3.34"), money("3.33"), money("3.33")), Money.split(money("10.00"), 3));
    }
}
