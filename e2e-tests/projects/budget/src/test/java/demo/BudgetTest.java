package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BudgetTest {
    @Test
    void totals() {
        assertEquals(150.0, new Budget().spend("rent", 100).spend("food", 50).total(), 1e-9);
    }

    @Test
    void shareOfACategory() {
        Budget b = new Budget().spend("rent", 75).spend("food", 25);
        assertEquals(75.0, b.shareOf("rent"), 1e-9);
        assertEquals(25.0, b.shareOf("food"), 1e-9);
    }

    @Test
    void percentOf() {
        assertEquals(20.0, Percent.of(1, 5), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Percent.of(1, 0));
    }
}
