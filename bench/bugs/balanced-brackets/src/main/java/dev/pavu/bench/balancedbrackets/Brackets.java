package dev.pavu.bench.balancedbrackets;

import java.util.ArrayDeque;
import java.util.Deque;

/** Checks that (), [] and {} are properly nested; other characters are ignored. */
public final class Brackets {

    private Brackets() {
    }

    public static boolean isBalanced(String text) {
        Deque<Character> open = new ArrayDeque<>();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '(', '[', '{' -> open.push(c);
                case ')', ']', '}' -> {
                    if (open.isEmpty() || open.peek() != opening(c)) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return open.isEmpty();
    }

    private static char opening(char closing) {
        return switch (closing) {
            case ')' -> '(';
            case ']' -> '[';
            default -> '{';
        };
    }
}
