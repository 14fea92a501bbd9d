package dev.pavu.bench.isbncheck;

/** Check-digit validation of ISBN-10 and ISBN-13 numbers (hyphens allowed). */
public final class Isbn {

    private Isbn() {
    }

    /** Weights 10..1; the last character may be X (10); valid when the sum is divisible by 11. */
    public static boolean isValidIsbn10(String isbn) {
        String s = isbn.replace("-", "");
        if (s.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            int value;
            if (i == 9 && (c == 'X' || c == 'x')) {
                value = 10;
            } else if (Character.isDigit(c)) {
                value = c - '0';
            } else {
                return false;
            }
            sum += (10 - i) * value;
        }
        return sum % 10 == 0;
    }

    /** Weights 1, 3, 1, 3, ...; valid when the sum is divisible by 10. */
    public static boolean isValidIsbn13(String isbn) {
        String s = isbn.replace("-", "");
        if (s.length() != 13 || !s.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (s.charAt(i) - '0');
        }
        return sum % 10 == 0;
    }
}
