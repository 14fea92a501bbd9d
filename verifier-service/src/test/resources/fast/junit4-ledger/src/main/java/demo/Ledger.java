package demo;

import java.util.ArrayList;
import java.util.List;

public class Ledger {
    private final List<Integer> entries = new ArrayList<>();

    public void add(int amount) {
        if (amount == 0) {
            throw new IllegalArgumentException("zero amount");
        }
        entries.add(amount);
    }

    public int balance() {
        int sum = 0;
        for (int i = 0; i < entries.size(); i++) {
            sum += entries.get(i);
        }
        return sum;
    }

    public int size() {
        return entries.size();
    }

    public static int fee(int amount) {
        return amount / 10;
    }
}
