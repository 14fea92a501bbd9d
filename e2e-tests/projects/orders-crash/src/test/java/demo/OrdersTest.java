package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrdersTest {

    @Test
    void averageOfTwoOrders() {
        assertEquals(300, Orders.average(new int[] {200, 400}));
    }

    @Test
    void averageOfOneOrder() {
        assertEquals(250, Orders.average(new int[] {250}));
    }
}
