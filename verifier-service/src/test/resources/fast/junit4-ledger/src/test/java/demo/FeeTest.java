package demo;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.Arrays;
import java.util.Collection;

import static org.junit.Assert.assertEquals;

@RunWith(Parameterized.class)
public class FeeTest {
    @Parameters(name = "{0}")
    public static Collection<Object[]> data() {
        return Arrays.asList(new Object[][] {{100, 10}, {55, 5}, {9, 0}});
    }

    private final int amount;
    private final int fee;

    public FeeTest(int amount, int fee) {
        this.amount = amount;
        this.fee = fee;
    }

    @Test
    public void fee() {
        assertEquals(fee, Ledger.fee(amount));
    }
}
