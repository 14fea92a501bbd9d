package demo;

import java.util.Map;

/** Old code with two problems (an unused import, an if without braces) that no patch should be blamed for. */
public final class Legacy {

    private Legacy() {
    }

    public static int sign(int x) {
        if (x < 0) return -1;
        return x == 0 ? 0 : 1;
    }
}
