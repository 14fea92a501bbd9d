package dev.pavu.bench.sortedsearch;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.Arrays;
import java.util.Collection;

import static org.junit.Assert.assertEquals;

@RunWith(Parameterized.class)
public class IndexOfEveryElementTest {

    private static final int[] SQUARES = {0, 1, 4, 9, 16, 25};

    @Parameters(name = "indexOf({0}) = {1}")
    public static Collection<Object[]> cases() {
        return Arrays.asList(new Object[][] {{0, 0}, {4, 2}, {16, 4}, {25, 5}, {-3, -1}});
    }

    private final int key;
    private final int index;

    public IndexOfEveryElementTest(int key, int index) {
        this.key = key;
        this.index = index;
    }

    @Test(timeout = 1000)
    public void finds() {
        assertEquals(index, SortedSearch.indexOf(SQUARES, key));
    }
}
