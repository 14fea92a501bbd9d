package dev.pavu.bench.querylexer;

import java.util.ArrayList;
import java.util.List;

/** Splits search queries such as {@code status:open AND (priority>2 OR NOT owner:bob)} into tokens. */
public final class QueryLexer {

    private QueryLexer() {
    }

    /**
     * @param q the query
     * @return its tokens, in order
     * @throws IllegalArgumentException at a character no token starts with
     */
    public static List<Token> lex(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (c == ' ' || c == '\t') {
                continue;
            }
            Token.Kind single = single(c);
            if (single != null) {
                out.add(new Token(single, String.valueOf(c), i));
                i++;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < q.length() && Character.isDigit(q.charAt(j))) {
                    j++;
                }
                out.add(new Token(Token.Kind.NUMBER, q.substring(i, j), i));
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < q.length() && (Character.isLetterOrDigit(q.charAt(j)) || q.charAt(j) == '_')) {
                    j++;
                }
                String word = q.substring(i, j);
                out.add(new Token(keyword(word), word, i));
                i = j;
            } else {
                throw new IllegalArgumentException(c + " at " + i);
            }
        }
        return out;
    }

    private static Token.Kind single(char c) {
        switch (c) {
            case ':':
                return Token.Kind.COLON;
            case '>':
                return Token.Kind.GT;
            case '<':
                return Token.Kind.LT;
            case '(':
                return Token.Kind.LPAREN;
            case ')':
                return Token.Kind.RPAREN;
            default:
                return null;
        }
    }

    private static Token.Kind keyword(String word) {
        switch (word) {
            case "AND":
                return Token.Kind.AND;
            case "OR":
                return Token.Kind.OR;
            case "NOT":
                return Token.Kind.NOT;
            default:
                return Token.Kind.WORD;
        }
    }
}
