package dev.pavu.planner.localisation;

import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultLocaliserTest {

    static final String STATS = """
            package com.acme.stats;

            import java.util.Arrays;

            /** Descriptive statistics of a sample. */
            public class Stats {
                private final double[] values;

                public Stats(double[] values) {
                    if (values.length == 0) {
                        throw new IllegalArgumentException("empty sample");
                    }
                    this.values = values.clone();
                }

                public double mean() {
                    double sum = 0;
                    for (double v : values) {
                        sum += v;
                    }
                    return sum / values.length;
                }

                public double median() {
                    double[] sorted = Sorting.sorted(values);
                    int mid = sorted.length / 2;
                    if (sorted.length % 2 == 1) {
                        return sorted[mid];
                    }
                    return (sorted[mid - 1] + sorted[mid]) / 3; // BUG
                }

                public double max() {
                    double best = values[0];
                    for (int i = 1; i < values.length; i++) {
                        if (values[i] > best) {
                            best = values[i];
                        }
                    }
                    return best;
                }
            }
            """;

    static final String SORTING = """
            package com.acme.stats;

            import java.util.Arrays;

            final class Sorting {
                private Sorting() {
                }

                static double[] sorted(double[] a) {
                    double[] copy = a.clone();
                    Arrays.sort(copy);
                    return copy;
                }
            }
            """;

    static final String STATS_TEST = """
            package com.acme.stats;

            import org.junit.jupiter.api.Test;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            class StatsTest {
                private final Stats stats = new Stats(new double[] {4, 1, 3, 2});

                @Test
                void meanOfFour() {
                    assertEquals(2.5, stats.mean(), 1e-9);
                }

                @Test
                void maxOfFour() {
                    assertEquals(4, stats.max(), 1e-9);
                }

                @Test
                void medianOfOddCount() {
                    var odd = new Stats(new double[] {5, 1, 3});
                    assertEquals(3, odd.median(), 1e-9);
                }

                @Test
                void medianOfEvenCount() {
                    double expected = 2.5;
                    assertEquals(expected, stats.median(), 1e-9); // ASSERT
                }
            }
            """;

    static ProjectIndex statsProject() {
        return ProjectIndex.of(Map.of(
                "src/main/java/com/acme/stats/Stats.java", STATS,
                "src/main/java/com/acme/stats/Sorting.java", SORTING,
                "src/test/java/com/acme/stats/StatsTest.java", STATS_TEST));
    }

    @Test
    void assertionFailureRanksTheBuggyReturnOfTheAssertedMethodFirst() {
        int assertLine = Sources.lineOf(STATS_TEST, "// ASSERT");
        TestFailure failure = new TestFailure("com.acme.stats.StatsTest#medianOfEvenCount", "com.acme.stats.StatsTest",
                "medianOfEvenCount", "failure", "expected: <2.5> but was: <1.6666666666666667>", """
                org.opentest4j.AssertionFailedError: expected: <2.5> but was: <1.6666666666666667>
                	at org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)
                	at org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)
                	at org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:86)
                	at com.acme.stats.StatsTest.medianOfEvenCount(StatsTest.java:%d)
                	at java.base/java.lang.reflect.Method.invoke(Method.java:580)
                """.formatted(assertLine));
        List<SuspiciousLocation> ranked = FaultLocaliser.standard()
                .localise(statsProject(), new LocalisationInput(List.of(failure), null, List.of(), 2), 40);

        int bug = Sources.lineOf(STATS, "// BUG");
        int rank = rankOf(ranked, "src/main/java/com/acme/stats/Stats.java", bug);
        assertTrue(rank >= 0 && rank < 3, "buggy line should be in the top 3, was at " + rank + ": " + ranked);
        SuspiciousLocation top = ranked.get(rank);
        assertEquals("com.acme.stats.Stats", top.className());
        assertEquals("median", top.methodName());
        assertEquals("call-graph", top.evidence());
        // median's statements outrank mean's and max's (reached by passing tests only)
        assertTrue(ranked.stream().filter(l -> "mean".equals(l.methodName()))
                .allMatch(l -> l.score() < top.score()), ranked.toString());
        // the callee one level deeper is there, ranked lower
        int sortingRank = rankOf(ranked, "src/main/java/com/acme/stats/Sorting.java",
                Sources.lineOf(SORTING, "return copy;"));
        assertTrue(sortingRank > rank, "callee should follow: " + ranked);
        ranked.forEach(l -> assertTrue(l.score() >= 0 && l.score() <= 1));
    }

    static final String CART = """
            package com.acme.shop;

            import java.util.ArrayList;
            import java.util.List;

            public class Cart {
                private final List<Item> items = new ArrayList<>();

                public Cart add(Item item) {
                    items.add(item);
                    return this;
                }

                public long totalCents() {
                    long total = 0;
                    for (int i = 0; i <= items.size(); i++) { // BUG
                        total += items.get(i).priceCents(); // THROWS
                    }
                    return total;
                }
            }
            """;

    static final String ITEM = """
            package com.acme.shop;

            public record Item(String name, long priceCents) {
            }
            """;

    static final String CART_TEST = """
            package com.acme.shop;

            import org.junit.jupiter.api.Test;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            class CartTest {
                @Test
                void totalOfTwoItems() {
                    Cart cart = new Cart().add(new Item("tea", 250)).add(new Item("cake", 300));
                    assertEquals(550, cart.totalCents()); // ASSERT
                }
            }
            """;

    @Test
    void exceptionInMainCodePointsAtTheThrowingLineAndTheLoopHeaderAboveIt() {
        int throwing = Sources.lineOf(CART, "// THROWS");
        int assertLine = Sources.lineOf(CART_TEST, "// ASSERT");
        TestFailure failure = new TestFailure("com.acme.shop.CartTest#totalOfTwoItems", "com.acme.shop.CartTest",
                "totalOfTwoItems", "error", "Index 2 out of bounds for length 2", """
                java.lang.IndexOutOfBoundsException: Index 2 out of bounds for length 2
                	at java.base/jdk.internal.util.Preconditions.outOfBounds(Preconditions.java:100)
                	at java.base/java.util.Objects.checkIndex(Objects.java:385)
                	at java.base/java.util.ArrayList.get(ArrayList.java:427)
                	at com.acme.shop.Cart.totalCents(Cart.java:%d)
                	at com.acme.shop.CartTest.totalOfTwoItems(CartTest.java:%d)
                """.formatted(throwing, assertLine));
        ProjectIndex index = ProjectIndex.of(Map.of(
                "src/main/java/com/acme/shop/Cart.java", CART,
                "src/main/java/com/acme/shop/Item.java", ITEM,
                "src/test/java/com/acme/shop/CartTest.java", CART_TEST));
        List<SuspiciousLocation> ranked = FaultLocaliser.standard()
                .localise(index, new LocalisationInput(List.of(failure), null, List.of(), 2), 40);

        String file = "src/main/java/com/acme/shop/Cart.java";
        assertEquals(0, rankOf(ranked, file, throwing), ranked.toString());
        // the best source first, then the others that also name the statement
        assertEquals("stack-trace+call-graph", ranked.getFirst().evidence());
        int bugRank = rankOf(ranked, file, Sources.lineOf(CART, "// BUG"));
        assertTrue(bugRank >= 1 && bugRank < 3, "loop header should follow the throwing line: " + ranked);
    }

    static final String INVOICE = """
            package com.acme.billing;

            public class Invoice {
                private final long amountCents;
                private final Discount discount;

                public Invoice(long amountCents, Discount discount) {
                    this.amountCents = amountCents;
                    this.discount = discount;
                }

                public long dueCents() {
                    long reduced = discount.apply(amountCents);
                    return Math.max(0, reduced);
                }
            }
            """;

    static final String DISCOUNT = """
            package com.acme.billing;

            public class Discount {
                private final int percent;

                public Discount(int percent) {
                    this.percent = percent;
                }

                public long apply(long cents) {
                    long off = cents * percent / 100;
                    return cents + off; // BUG
                }

                public String label() {
                    return percent + "% off";
                }
            }
            """;

    static final String INVOICE_TEST = """
            package com.acme.billing;

            import org.junit.jupiter.api.BeforeEach;
            import org.junit.jupiter.api.Test;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            class InvoiceTest {
                private Discount tenPercent;

                @BeforeEach
                void setUp() {
                    tenPercent = new Discount(10);
                }

                @Test
                void dueAfterDiscount() {
                    Invoice invoice = new Invoice(1000, tenPercent);
                    assertEquals(900, invoice.dueCents()); // ASSERT
                }

                @Test
                void labelSaysPercent() {
                    assertEquals("10% off", tenPercent.label());
                }
            }
            """;

    @Test
    void assertionFailureReachesTheBugOneCallDeeper() {
        int assertLine = Sources.lineOf(INVOICE_TEST, "// ASSERT");
        TestFailure failure = new TestFailure("com.acme.billing.InvoiceTest#dueAfterDiscount",
                "com.acme.billing.InvoiceTest", "dueAfterDiscount", "failure", "expected: <900> but was: <1100>", """
                org.opentest4j.AssertionFailedError: expected: <900> but was: <1100>
                	at org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:166)
                	at com.acme.billing.InvoiceTest.dueAfterDiscount(InvoiceTest.java:%d)
                """.formatted(assertLine));
        ProjectIndex index = ProjectIndex.of(Map.of(
                "src/main/java/com/acme/billing/Invoice.java", INVOICE,
                "src/main/java/com/acme/billing/Discount.java", DISCOUNT,
                "src/test/java/com/acme/billing/InvoiceTest.java", INVOICE_TEST));
        List<SuspiciousLocation> ranked = FaultLocaliser.standard()
                .localise(index, new LocalisationInput(List.of(failure), null, List.of(), 2), 40);

        int rank = rankOf(ranked, "src/main/java/com/acme/billing/Discount.java", Sources.lineOf(DISCOUNT, "// BUG"));
        assertTrue(rank >= 0 && rank < 5, "bug one call deeper should be in the top 5, was " + rank + ": " + ranked);
        int label = rankOf(ranked, "src/main/java/com/acme/billing/Discount.java", Sources.lineOf(DISCOUNT, "% off"));
        assertTrue(label < 0, "label() is reached by no failing test: " + ranked);
    }

    @Test
    void errorLogFramesCountLikeAFailingTest() {
        int throwing = Sources.lineOf(CART, "// THROWS");
        ProjectIndex index = ProjectIndex.of(Map.of("src/main/java/com/acme/shop/Cart.java", CART,
                "src/main/java/com/acme/shop/Item.java", ITEM));
        String log = "12:00:01 ERROR request failed\njava.lang.IndexOutOfBoundsException: Index 2 out of bounds\n"
                + "\tat com.acme.shop.Cart.totalCents(Cart.java:" + throwing + ")\n\tat com.acme.web.Api.handle(Api.java:3)\n";
        List<SuspiciousLocation> ranked = FaultLocaliser.standard()
                .localise(index, new LocalisationInput(List.of(), log, List.of(), 2), 40);
        assertEquals(throwing, ranked.getFirst().line());
    }

    @Test
    void nothingInMainCodeGivesAnEmptyRanking() {
        TestFailure failure = new TestFailure("x.YTest#a", "x.YTest", "a", "failure", "boom", null);
        assertTrue(FaultLocaliser.standard().localise(statsProject(),
                new LocalisationInput(List.of(failure), null, List.of(), 2), 40).isEmpty());
    }

    static int rankOf(List<SuspiciousLocation> ranked, String file, int line) {
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).file().equals(file) && ranked.get(i).line() == line) {
                return i;
            }
        }
        return -1;
    }
}
