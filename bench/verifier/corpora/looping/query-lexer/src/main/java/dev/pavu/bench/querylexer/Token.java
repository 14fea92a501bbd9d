package dev.pavu.bench.querylexer;

/**
 * One token of a query.
 *
 * @param kind  what it is
 * @param text  its text as written
 * @param start its offset in the query
 */
public record Token(Kind kind, String text, int start) {

    /** Token kinds. */
    public enum Kind { WORD, NUMBER, COLON, GT, LT, LPAREN, RPAREN, AND, OR, NOT }
}
