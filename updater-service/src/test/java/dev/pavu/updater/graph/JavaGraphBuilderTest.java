package dev.pavu.updater.graph;

import dev.pavu.updater.graph.GraphModel.Built;
import dev.pavu.updater.graph.GraphModel.EdgeKind;
import dev.pavu.updater.graph.GraphModel.Kind;
import dev.pavu.updater.graph.GraphModel.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.pavu.updater.graph.GraphFixtures.sources;
import static dev.pavu.updater.graph.GraphFixtures.symbol;
import static dev.pavu.updater.graph.GraphFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The graph of the bundled example project and of a small multi-class fixture, built without a database. */
class JavaGraphBuilderTest {

    private static final String PKG = "com.acme.invoicing.";

    @TempDir
    Path tmp;

    @Test
    void theExampleProjectsSymbolsCallsAndTestReach() throws IOException {
        Path example = GraphFixtures.example();
        Built g = JavaGraphBuilder.build(example, tmp, GraphFixtures.SETTINGS);

        assertEquals(8, g.stats().filesParsed(), g.stats().toString());
        assertEquals(0, g.stats().filesFailed());
        assertNull(g.stats().truncated());

        Symbol discountOn = symbol(g, PKG + "VolumeDiscount.discountOn(" + PKG + "LineItem)");
        assertEquals(Kind.METHOD, discountOn.kind());
        assertEquals(PKG + "VolumeDiscount", discountOn.owner());
        assertEquals("src/main/java/com/acme/invoicing/VolumeDiscount.java", discountOn.file());
        assertEquals(lineOf(example.resolve(discountOn.file()), "public Money discountOn("), discountOn.line());
        assertFalse(discountOn.test());
        assertEquals(Kind.TYPE, symbol(g, PKG + "Money").kind());
        assertEquals(Kind.FIELD, symbol(g, PKG + "VolumeDiscount.BULK_QUANTITY").kind());
        assertEquals(Kind.CONSTRUCTOR, symbol(g, PKG + "Invoice.Invoice(java.lang.String, " + PKG + "VolumeDiscount, "
                + PKG + "TaxTable)").kind());
        assertEquals(Kind.METHOD, symbol(g, PKG + "LineItem.quantity()").kind()); // a record's implicit accessor
        Symbol test = symbol(g, PKG + "VolumeDiscountTest.bulkDiscountStartsAtTenUnits()");
        assertTrue(test.test() && test.testMethod(), test.toString());
        Symbol helper = symbol(g, PKG + "InvoiceTest.finnishInvoice()");
        assertTrue(helper.test() && !helper.testMethod(), helper.toString());

        assertEquals(Set.of(PKG + "Invoice.tax()", PKG + "Invoice.total()",
                PKG + "InvoiceTest.appliesTheBulkDiscountAtExactlyTenUnits()"),
                sources(g, EdgeKind.CALLS, PKG + "Invoice.net()"));
        assertEquals(Set.of(PKG + "Invoice.net()", PKG + "Invoice.tax()", PKG + "Money.plus(" + PKG + "Money)"),
                targets(g, EdgeKind.CALLS, PKG + "Invoice.total()"));
        assertEquals(Set.of(PKG + "LineItem.gross()", PKG + "LineItem.quantity()", PKG + "VolumeDiscount.percentFor(int)",
                PKG + "Money.percent(java.math.BigDecimal)"),
                targets(g, EdgeKind.CALLS, PKG + "VolumeDiscount.discountOn(" + PKG + "LineItem)"));

        // the suspicious method of the demo's bug is reached by its own tests directly and by the invoice tests
        // through Invoice.discounts() -> VolumeDiscount.discountOn() -> percentFor()
        TreeSet<String> reaching = sources(g, EdgeKind.TEST_REACHES, PKG + "VolumeDiscount.percentFor(int)");
        assertTrue(reaching.containsAll(List.of(PKG + "VolumeDiscountTest.bulkDiscountStartsAtTenUnits()",
                PKG + "VolumeDiscountTest.noDiscountForSmallOrders()", PKG + "InvoiceTest.mixesLines()",
                PKG + "InvoiceTest.appliesTheBulkDiscountAtExactlyTenUnits()")), reaching.toString());
        assertFalse(reaching.contains(PKG + "MoneyTest.arithmetic()"), reaching.toString());
        int bulk = symbol(g, PKG + "InvoiceTest.appliesTheBulkDiscountAtExactlyTenUnits()").id();
        int percentFor = symbol(g, PKG + "VolumeDiscount.percentFor(int)").id();
        assertEquals(3, g.edges().stream().filter(e -> e.kind() == EdgeKind.TEST_REACHES && e.from() == bulk
                && e.to() == percentFor).findFirst().orElseThrow().line(), "steps: discounts, discountOn, percentFor");
        // a test never "reaches" test code
        assertTrue(g.edges().stream().filter(e -> e.kind() == EdgeKind.TEST_REACHES)
                .noneMatch(e -> g.symbols().get(e.to()).test()));
    }

    @Test
    void overridesAndCallsThroughAnInterface() throws IOException {
        Built g = JavaGraphBuilder.build(GraphFixtures.shapes(Files.createDirectory(tmp.resolve("shapes"))),
                Files.createDirectory(tmp.resolve("scratch")), GraphFixtures.SETTINGS);
        String p = "com.acme.shapes.";

        assertEquals(Set.of(p + "Shape.area()"), targets(g, EdgeKind.OVERRIDES, p + "Square.area()"));
        assertEquals(Set.of(p + "Circle.area()", p + "Square.area()"), sources(g, EdgeKind.OVERRIDES, p + "Shape.area()"));
        // the call is resolved to the interface method (what the code says), not guessed among implementations
        assertEquals(Set.of(p + "Shape.area()"), targets(g, EdgeKind.CALLS, p + "Geometry.total(java.util.List)"));
        assertEquals(Set.of(p + "Circle.area()", p + "Square.area()"),
                sources(g, EdgeKind.CALLS, p + "Geometry.squared(double)"));
        assertEquals(Set.of(p + "Circle.Circle(double)", p + "Geometry.total(java.util.List)",
                p + "GeometryTest.check(boolean)", p + "Square.Square(double)"),
                targets(g, EdgeKind.CALLS, p + "GeometryTest.totalsAreas()"));
        assertEquals(Set.of(p + "Circle.Circle(double)", p + "Geometry.total(java.util.List)", p + "Shape.area()",
                p + "Square.Square(double)"), targets(g, EdgeKind.TEST_REACHES, p + "GeometryTest.totalsAreas()"));
        assertTrue(sources(g, EdgeKind.TEST_REACHES, p + "Geometry.unused()").isEmpty());
        assertTrue(sources(g, EdgeKind.CALLS, p + "Geometry.unused()").isEmpty());
    }

    @Test
    void aBuildLeavesNoSolverBehind() throws Exception {
        JavaGraphBuilder.build(GraphFixtures.example(), tmp, GraphFixtures.SETTINGS);
        // JavaParser's static facade cache would otherwise keep every build's solver and its cached syntax trees
        java.lang.reflect.Field instances = com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade.class
                .getDeclaredField("instances");
        instances.setAccessible(true);
        assertEquals(0, ((java.util.Map<?, ?>) instances.get(null)).size());
    }

    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
