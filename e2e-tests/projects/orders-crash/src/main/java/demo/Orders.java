package demo;

/** Order amounts, in cents. */
public final class Orders {

    private Orders() {
    }

    /** @return the mean amount, 0 for no orders */
    public static int average(int[] amounts) {
        int sum = 0;
        for (int a : amounts) {
            sum += a;
        }
        return sum / amounts.length;
    }
}
