package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstantReplacementTest {

    private final ConstantReplacement pattern = new ConstantReplacement();

    @Test
    void aLiteralBecomesAnotherOfTheFileThenAUsualOne() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static boolean valid(int sum) {
                        return sum % 10 == 0; // <-
                    }
                    static int weight(int i) {
                        return i % 2 == 0 ? 1 : 3;
                    }
                    static int check(int sum) {
                        return 11 - sum % 11;
                    }
                }
                """);
        // 10: the file's literals nearest first (11 is one away: off-by-one's), then the usual -1
        // 0: the file's 2, 3, 10, 11 (1 is one away); the usual ones are one away or proposed already
        assertEquals(List.of(
                "return sum % 3 == 0;", "return sum % 2 == 0;", "return sum % 1 == 0;", "return sum % 0 == 0;",
                "return sum % -1 == 0;",
                "return sum % 10 == 2;", "return sum % 10 == 3;", "return sum % 10 == 10;", "return sum % 10 == 11;"),
                f.changedCode());
        assertTrue(f.descriptions().getFirst().endsWith("(used in the file)"), f.descriptions().toString());
    }

    @Test
    void minusOneBecomesOne() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static int cmp(int x, int y) {
                        return -1; // <-
                    }
                }
                """);
        assertEquals(List.of("return 1;", "return 2;"), f.changedCode());
        assertEquals(List.of(0.7, 0.5), f.mutations.stream().map(m -> m.weight()).toList());
    }

    @Test
    void enumConstantsOfTheJdkNearestFirst() {
        var f = PatternFixture.apply(pattern, """
                import java.math.BigDecimal;
                import java.math.RoundingMode;
                class Demo {
                    static BigDecimal round(BigDecimal x) {
                        return x.setScale(2, RoundingMode.HALF_EVEN); // <-
                    }
                }
                """);
        assertEquals(List.of(
                "return x.setScale(0, RoundingMode.HALF_EVEN);", "return x.setScale(-1, RoundingMode.HALF_EVEN);",
                "return x.setScale(2, RoundingMode.HALF_DOWN);", "return x.setScale(2, RoundingMode.HALF_UP);",
                "return x.setScale(2, RoundingMode.FLOOR);", "return x.setScale(2, RoundingMode.CEILING);"),
                f.changedCode());
        assertEquals(List.of(0.5, 0.5, 0.8, 0.6, 0.4, 0.4), f.mutations.stream().map(m -> m.weight()).toList());
    }

    @Test
    void enumConstantsOfTheFile() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    enum Category { INFO, SUCCESS, CLIENT_ERROR, SERVER_ERROR }
                    Category c = Category.SUCCESS; // <-
                }
                """);
        assertEquals(List.of("Category c = Category.INFO;", "Category c = Category.CLIENT_ERROR;",
                "Category c = Category.SERVER_ERROR;"), f.changedCode());
    }

    @Test
    void aNamedConstantBecomesAnotherOfTheSameType() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static final int MIN = 0;
                    static final int MAX = 100;
                    static final long BIG = 1L;
                    static boolean ok(int x) {
                        return x < MAX; // <-
                    }
                }
                """);
        assertEquals(List.of("return x < MIN;"), f.changedCode());
    }

    @Test
    void anEmptyStringSentinelBecomesNullAndBack() {
        var compared = PatternFixture.apply(pattern, """
                import java.util.Map;
                class Demo {
                    static String name(Map<Integer, String> names, int n) {
                        if (names.get(n) != "") { // <-
                            return names.get(n);
                        }
                        return "?";
                    }
                }
                """);
        assertEquals(List.of("if (names.get(n) != null) {"), compared.changedCode());
        var initialised = PatternFixture.apply(pattern, """
                class Demo {
                    static String join(String[] parts) {
                        String result = null; // <-
                        for (String p : parts) result += p;
                        return result;
                    }
                }
                """);
        assertEquals(List.of("String result = \"\";"), initialised.changedCode());
        assertTrue(initialised.allParse());
    }

    @Test
    void nullThatIsNoStringAndEmptyStringArgumentsStay() {
        var f = PatternFixture.apply(pattern, """
                import java.util.List;
                class Demo {
                    static boolean f(List<String> xs, String s) {
                        List<String> ys = xs.isEmpty() ? null : xs;
                        return xs == null || s.equals("") || ys != null; // <-
                    }
                }
                """);
        assertEquals(List.of(), f.changedCode());
    }
}
