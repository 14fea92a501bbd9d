package dev.pavu.bench.balancedbrackets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BracketsTest {

    @Test
    void emptyTextIsBalanced() {
        assertTrue(Brackets.isBalanced(""));
    }

    @Test
    void unclosedOpenerIsUnbalanced() {
        assertFalse(Brackets.isBalanced("(a"));
    }

    @Test
    void closerWithoutOpenerIsUnbalanced() {
        assertFalse(Brackets.isBalanced(")("));
    }

    @Test
    void mismatchedPairIsUnbalanced() {
        assertFalse(Brackets.isBalanced("(]"));
    }

    @Test
    void simplePair() {
        assertTrue(Brackets.isBalanced("f(x)"));
    }

    @Test
    void nestedPairs() {
        assertTrue(Brackets.isBalanced("{ a[i] = (b + c); }"));
    }
}
