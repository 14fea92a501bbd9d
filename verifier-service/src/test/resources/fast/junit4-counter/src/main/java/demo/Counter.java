package demo;

public class Counter {
    /** The bug under repair: the step is 0, so this loops for any n > 0. */
    public static int count(int n) {
        int c = 0;
        for (int i = 0; i < n; i += 0) {
            c++;
        }
        return c;
    }
}
