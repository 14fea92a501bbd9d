package dev.pavu.bench.querylexer;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static org.junit.Assert.assertEquals;

@RunWith(Parameterized.class)
public class KeywordTest {

    @Parameters(name = "{0}")
    public static Collection<Object[]> cases() {
        return Arrays.asList(new Object[][] {
                {"a AND b", Token.Kind.AND}, {"a OR b", Token.Kind.OR}, {"a NOT b", Token.Kind.NOT}, {"a and b", Token.Kind.WORD},
                {"a ANDY b", Token.Kind.WORD}});
    }

    private final String query;
    private final Token.Kind middle;

    public KeywordTest(String query, Token.Kind middle) {
        this.query = query;
        this.middle = middle;
    }

    @Test(timeout = 1000)
    public void middleToken() {
        List<Token> ts = QueryLexer.lex(query);
        assertEquals(3, ts.size());
        assertEquals(middle, ts.get(1).kind());
    }
}
