package demo;

public class Wallet {
    private int cents;

    public void deposit(int amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        cents += amount;
    }

    public boolean withdraw(int amount) {
        if (amount > cents) {
            return false;
        }
        cents -= amount;
        return true;
    }

    public int cents() {
        return cents;
    }
}
