package demo;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Ignore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.ExpectedException;
import org.junit.rules.TestName;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class LedgerTest {
    private static int classes;

    @Rule
    public TestName name = new TestName();

    @Rule
    public ExpectedException thrown = ExpectedException.none();

    private Ledger ledger;

    @BeforeClass
    public static void once() {
        classes++;
    }

    @Before
    public void setUp() {
        ledger = new Ledger();
        ledger.add(10);
        ledger.add(20);
    }

    @After
    public void tearDown() {
        assertTrue("the ledger never has a negative size", ledger.size() >= 0);
    }

    @Test(timeout = 3000)
    public void balance() {
        assertEquals(30, ledger.balance());
    }

    @Test(timeout = 3000)
    public void size() {
        assertEquals(2, ledger.size());
    }

    @Test
    public void rejectsZero() {
        thrown.expect(IllegalArgumentException.class);
        thrown.expectMessage("zero");
        ledger.add(0);
    }

    @Test
    public void ruleSeesTheTestName() {
        assertEquals("ruleSeesTheTestName", name.getMethodName());
        assertEquals(1, classes);
    }

    @Category(Slow.class)
    @Test(timeout = 3000)
    public void categorizedBalance() {
        ledger.add(5);
        assertEquals(35, ledger.balance());
    }

    @Ignore("fixture: an @Ignore'd test must be skipped by the fast path as surefire skips it")
    @Test
    public void ignored() {
        fail("never runs");
    }
}
