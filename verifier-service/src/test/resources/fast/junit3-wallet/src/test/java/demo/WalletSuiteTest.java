package demo;

import junit.framework.TestCase;

/** A second JUnit 3 class, so that the run order of classes matters. */
public class WalletSuiteTest extends TestCase {
    public void testEmpty() {
        assertEquals(0, new Wallet().cents());
    }
}
