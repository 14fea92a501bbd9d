package demo;

/** The project's test: plain Java, exit 1 on a wrong answer (it never tries an empty day). */
public final class OrdersCheck {

    public static void main(String[] args) {
        int got = Orders.average(new int[] {200, 400});
        if (got != 300) {
            System.out.println("FAIL average(200, 400) = " + got);
            System.exit(1);
        }
        System.out.println("ok");
    }
}
