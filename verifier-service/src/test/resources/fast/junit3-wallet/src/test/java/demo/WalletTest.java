package demo;

import junit.framework.TestCase;

/** JUnit 3 style: TestCase, setUp/tearDown, test* methods, fail() for the expected exception. */
public class WalletTest extends TestCase {
    private Wallet wallet;

    @Override
    protected void setUp() throws Exception {
        super.setUp();
        wallet = new Wallet();
        wallet.deposit(100);
    }

    @Override
    protected void tearDown() throws Exception {
        assertTrue("never negative", wallet.cents() >= 0);
        super.tearDown();
    }

    public void testDeposit() {
        wallet.deposit(50);
        assertEquals(150, wallet.cents());
    }

    public void testWithdraw() {
        assertTrue(wallet.withdraw(40));
        assertEquals(60, wallet.cents());
    }

    public void testOverdraw() {
        assertFalse(wallet.withdraw(101));
        assertEquals(100, wallet.cents());
    }

    public void testRejectsZero() {
        try {
            wallet.deposit(0);
            fail("a zero deposit is refused");
        } catch (IllegalArgumentException expected) {
            assertEquals("amount must be positive", expected.getMessage());
        }
    }
}
