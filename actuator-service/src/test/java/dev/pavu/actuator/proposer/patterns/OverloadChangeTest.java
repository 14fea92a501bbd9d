package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadChangeTest {

    private final OverloadChange pattern = new OverloadChange();

    @Test
    void anArgumentTooManyIsDropped() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static boolean f(String s, String prefix) {
                        return s.startsWith(prefix, 1); // <-
                    }
                }
                """);
        assertEquals(List.of("return s.startsWith(prefix);"), f.changedCode());
        assertTrue(f.allParse());
    }

    @Test
    void aSingleIndexGainsAStart() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static String f(String s, int i) {
                        return s.substring(i + 1); // <-
                    }
                }
                """);
        assertEquals(List.of("return s.substring(0, i + 1);", "return s.substring(i, i + 1);"), f.changedCode());
        assertEquals("substring(0, i + 1) instead of substring(i + 1)", f.descriptions().getFirst());
    }

    @Test
    void onlyOverloadsThatExistAndOnlyOnJdkTypes() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static class Text { String substring(int i) { return ""; } }
                    static String f(String s, Text t, int i) {
                        return s.toUpperCase() + s.charAt(i) + t.substring(i + 1); // <-
                    }
                }
                """);
        // toUpperCase() has no overload with one argument fewer; charAt(int) has no (int, int) overload; Text is no JDK class
        assertEquals(List.of(), f.changedCode());
    }
}
