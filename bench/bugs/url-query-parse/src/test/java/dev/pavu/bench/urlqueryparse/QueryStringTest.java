package dev.pavu.bench.urlqueryparse;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryStringTest {

    @Test
    void emptyQuery() {
        assertEquals(Map.of(), QueryString.parse(""));
        assertEquals(Map.of(), QueryString.parse(null));
    }

    @Test
    void repeatedKeysKeepAllValues() {
        assertEquals(Map.of("tag", List.of("a", "b"), "page", List.of("2")), QueryString.parse("?tag=a&page=2&tag=b"));
    }

    @Test
    void keyWithoutValue() {
        assertEquals(Optional.of(""), QueryString.first("debug&x=1", "debug"));
    }

    @Test
    void plusMeansSpace() {
        assertEquals(Optional.of("java 17"), QueryString.first("q=java+17", "q"));
    }

    @Test
    void encodedPlusIsAPlus() {
        assertEquals(Optional.of("C++"), QueryString.first("lang=C%2B%2B", "lang"));
    }

    @Test
    void percentEncodedCharacters() {
        assertEquals(Optional.of("a&b=c é"), QueryString.first("v=a%26b%3Dc%20%C3%A9", "v"));
    }
}
