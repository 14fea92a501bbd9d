package dev.pavu.bench.querylexer;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;

public class QueryLexerTest {

    /** Every test of this class gets 1 s (a rule, where SortedSearchTest uses @Test(timeout)). */
    @Rule
    public Timeout perTest = Timeout.millis(1000);

    private List<Token.Kind> kinds;

    @Before
    public void setUp() {
        kinds = new ArrayList<>();
    }

    private List<Token.Kind> kindsOf(String q) {
        for (Token t : QueryLexer.lex(q)) {
            kinds.add(t.kind());
        }
        return kinds;
    }

    @Test
    public void aFieldTerm() {
        assertEquals(List.of(Token.Kind.WORD, Token.Kind.COLON, Token.Kind.WORD), kindsOf("status:open"));
    }

    @Test
    public void aComparison() {
        assertEquals(List.of(Token.Kind.WORD, Token.Kind.GT, Token.Kind.NUMBER), kindsOf("priority>20"));
    }

    @Test
    public void twoTermsWithAnd() {
        assertEquals(List.of(Token.Kind.WORD, Token.Kind.COLON, Token.Kind.WORD, Token.Kind.AND, Token.Kind.WORD, Token.Kind.LT,
                Token.Kind.NUMBER), kindsOf("status:open AND age<3"));
    }

    @Test
    public void parenthesesAndOr() {
        assertEquals(List.of(Token.Kind.LPAREN, Token.Kind.WORD, Token.Kind.OR, Token.Kind.WORD, Token.Kind.RPAREN),
                kindsOf("(bug OR feature)"));
    }

    @Test
    public void notBindsToTheNextTerm() {
        assertEquals(List.of(Token.Kind.NOT, Token.Kind.WORD, Token.Kind.COLON, Token.Kind.WORD), kindsOf("NOT owner:bob"));
    }

    @Test
    public void tabsSeparateToo() {
        assertEquals(List.of(Token.Kind.WORD, Token.Kind.WORD), kindsOf("a\tb"));
    }

    @Test
    public void leadingAndTrailingBlanks() {
        assertEquals(List.of(Token.Kind.WORD), kindsOf("  label  "));
    }

    @Test
    public void offsetsPointIntoTheQuery() {
        List<Token> ts = QueryLexer.lex("x:1 OR y_2:22");
        assertEquals(0, ts.get(0).start());
        assertEquals(4, ts.get(3).start());
        assertEquals("y_2", ts.get(4).text());
        assertEquals(11, ts.get(6).start());
        assertEquals("22", ts.get(6).text());
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesAnUnknownCharacter() {
        QueryLexer.lex("a=b");
    }
}
