package demo;

import junit.framework.TestCase;

/** A JUnit 3 test case in a JUnit 4 project. */
public class LegacyLedgerTest extends TestCase {
    private Ledger ledger;

    @Override
    protected void setUp() {
        ledger = new Ledger();
        ledger.add(5);
    }

    @Override
    protected void tearDown() {
        ledger = null;
    }

    public void testBalance() {
        assertEquals(5, ledger.balance());
    }

    public void testAddTwice() {
        ledger.add(5);
        assertEquals(10, ledger.balance());
    }
}
