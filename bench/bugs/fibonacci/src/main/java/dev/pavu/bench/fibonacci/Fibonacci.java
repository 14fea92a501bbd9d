package dev.pavu.bench.fibonacci;

/** Fibonacci numbers: fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2). */
public final class Fibonacci {

    private Fibonacci() {
    }

    public static long fib(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative index: " + n);
        }
        if (n <= 1) {
            return 1;
        }
        long prev = 0;
        long current = 1;
        for (int i = 2; i <= n; i++) {
            long next = prev + current;
            prev = current;
            current = next;
        }
        return current;
    }
}
