package demo;

/** Prints the average of today's orders (there are none yet). */
public final class Main {

    public static void main(String[] args) {
        int[] today = new int[0];
        System.out.println("average order: " + Orders.average(today));
    }
}
