package com.acme.invoicing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InvoiceTest {

    private Invoice finnishInvoice() {
        return new Invoice("FI", new VolumeDiscount(), TaxTable.standard());
    }

    @Test
    void totalsASmallOrder() {
        Invoice invoice = finnishInvoice().add(new LineItem("BOOK-7", 2, Money.of("20.00")));
        assertEquals(Money.of("40.00"), invoice.subtotal());
        assertEquals(Money.ZERO, invoice.discounts());
        assertEquals(Money.of("10.20"), invoice.tax());
        assertEquals(Money.of("50.20"), invoice.total());
    }

    @Test
    void appliesTheBulkDiscountAtExactlyTenUnits() {
        Invoice invoice = finnishInvoice().add(new LineItem("MUG-3", 10, Money.of("8.00")));
        assertEquals(Money.of("80.00"), invoice.subtotal());
        assertEquals(Money.of("4.00"), invoice.discounts());
        assertEquals(Money.of("76.00"), invoice.net());
        assertEquals(Money.of("95.38"), invoice.total());
    }

    @Test
    void mixesLines() {
        Invoice invoice = new Invoice("DE", new VolumeDiscount(), TaxTable.standard())
                .add(new LineItem("PEN-01", 60, Money.of("1.00")))
                .add(new LineItem("PAD-2", 3, Money.of("4.00")));
        assertEquals(Money.of("72.00"), invoice.subtotal());
        assertEquals(Money.of("6.00"), invoice.discounts());
        assertEquals(Money.of("78.54"), invoice.total());
    }

    @Test
    void unknownRegionIsRefused() {
        Invoice invoice = new Invoice("XX", new VolumeDiscount(), TaxTable.standard())
                .add(new LineItem("PEN-01", 1, Money.of("1.00")));
        assertThrows(IllegalArgumentException.class, invoice::tax);
    }
}
