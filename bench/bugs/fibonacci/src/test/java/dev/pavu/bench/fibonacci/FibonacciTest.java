package dev.pavu.bench.fibonacci;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FibonacciTest {

    @Test
    void fibOfZeroIsZero() {
        assertEquals(0, Fibonacci.fib(0));
    }

    @Test
    void fibOfOneIsOne() {
        assertEquals(1, Fibonacci.fib(1));
    }

    @Test
    void firstTerms() {
        assertEquals(55, Fibonacci.fib(10));
        assertEquals(12_586_269_025L, Fibonacci.fib(50));
    }

    @Test
    void sumOfTheFirstTermsIsFibMinusOne() {
        long sum = 0;
        for (int i = 0; i <= 10; i++) {
            sum += Fibonacci.fib(i);
        }
        assertEquals(Fibonacci.fib(12) - 1, sum);
    }

    @Test
    void rejectsNegativeIndex() {
        assertThrows(IllegalArgumentException.class, () -> Fibonacci.fib(-1));
    }
}
