package dev.pavu.bench.carttotal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CartTest {

    @Test
    void emptyCartCostsNothing() {
        assertEquals(0, new Cart().totalCents());
    }

    @Test
    void totalSumsTheLines() {
        Cart cart = new Cart();
        cart.add("pen", 150, 2);
        cart.add("pad", 399, 1);
        assertEquals(699, cart.totalCents());
    }

    @Test
    void addingTheSameSkuMergesTheLine() {
        Cart cart = new Cart();
        cart.add("pen", 150, 2);
        cart.add("pen", 150, 3);
        assertEquals(5, cart.quantityOf("pen"));
        assertEquals(750, cart.totalCents());
    }

    @Test
    void removingALineTakesItsCostOff() {
        Cart cart = new Cart();
        cart.add("pen", 150, 2);
        cart.add("pad", 399, 1);
        cart.remove("pen");
        assertEquals(399, cart.totalCents());
        assertEquals(0, cart.quantityOf("pen"));
    }

    @Test
    void removingAnUnknownSkuChangesNothing() {
        Cart cart = new Cart();
        cart.add("pad", 399, 1);
        cart.remove("ink");
        assertEquals(399, cart.totalCents());
    }
}
