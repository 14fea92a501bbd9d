package com.acme.invoicing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VolumeDiscountTest {

    private final VolumeDiscount discount = new VolumeDiscount();

    @Test
    void noDiscountForSmallOrders() {
        assertEquals(BigDecimal.ZERO, discount.percentFor(1));
        assertEquals(BigDecimal.ZERO, discount.percentFor(9));
    }

    @Test
    void bulkDiscountStartsAtTenUnits() {
        assertEquals(new BigDecimal("5"), discount.percentFor(10));
        assertEquals(new BigDecimal("5"), discount.percentFor(49));
    }

    @Test
    void wholesaleDiscountStartsAtFiftyUnits() {
        assertEquals(new BigDecimal("10"), discount.percentFor(50));
        assertEquals(new BigDecimal("10"), discount.percentFor(500));
    }

    @Test
    void discountOnALine() {
        LineItem line = new LineItem("PEN-01", 20, Money.of("1.25"));
        assertEquals(Money.of("1.25"), discount.discountOn(line));
    }
}
