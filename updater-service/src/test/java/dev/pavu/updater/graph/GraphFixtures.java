package dev.pavu.updater.graph;

import dev.pavu.updater.graph.GraphModel.Built;
import dev.pavu.updater.graph.GraphModel.Edge;
import dev.pavu.updater.graph.GraphModel.EdgeKind;
import dev.pavu.updater.graph.GraphModel.Symbol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Projects for graph tests and ways to read a {@link Built} graph. */
public final class GraphFixtures {

    /** Generous bounds for tests. */
    public static final JavaGraphBuilder.Settings SETTINGS = new JavaGraphBuilder.Settings(5000, 1 << 20, 64 << 20,
            60_000, 6, 200_000);

    private GraphFixtures() {
    }

    /** @return the bundled example project (examples/invoicing of the repository) */
    public static Path example() {
        Path p = Path.of("..", "examples", "invoicing").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("no example project at " + p);
        }
        return p;
    }

    /**
     * Writes a small multi-class project: an interface with two implementations (an override), a class calling them,
     * and a test class.
     *
     * @param dir an empty directory
     * @return {@code dir}
     * @throws IOException when it cannot be written
     */
    public static Path shapes(Path dir) throws IOException {
        write(dir, "src/main/java/com/acme/shapes/Shape.java", """
                package com.acme.shapes;

                public interface Shape {
                    double area();
                }
                """);
        write(dir, "src/main/java/com/acme/shapes/Square.java", """
                package com.acme.shapes;

                public class Square implements Shape {
                    private final double side;

                    public Square(double side) {
                        this.side = side;
                    }

                    @Override
                    public double area() {
                        return Geometry.squared(side);
                    }
                }
                """);
        write(dir, "src/main/java/com/acme/shapes/Circle.java", """
                package com.acme.shapes;

                public class Circle implements Shape {
                    private final double radius;

                    public Circle(double radius) {
                        this.radius = radius;
                    }

                    @Override
                    public double area() {
                        return Math.PI * Geometry.squared(radius);
                    }
                }
                """);
        write(dir, "src/main/java/com/acme/shapes/Geometry.java", """
                package com.acme.shapes;

                import java.util.List;

                public final class Geometry {
                    private Geometry() {
                    }

                    static double squared(double x) {
                        return x * x;
                    }

                    public static double total(List<Shape> shapes) {
                        double sum = 0;
                        for (Shape s : shapes) {
                            sum += s.area();
                        }
                        return sum;
                    }

                    public static double unused() {
                        return 0;
                    }
                }
                """);
        write(dir, "src/test/java/com/acme/shapes/GeometryTest.java", """
                package com.acme.shapes;

                import org.junit.jupiter.api.Test;
                import java.util.List;

                class GeometryTest {
                    @Test
                    void totalsAreas() {
                        double t = Geometry.total(List.of(new Square(2), new Circle(1)));
                        check(t > 0);
                    }

                    private void check(boolean ok) {
                        if (!ok) {
                            throw new AssertionError();
                        }
                    }
                }
                """);
        return dir;
    }

    /**
     * @param dir  a directory
     * @param rel  a path below it
     * @param text the content
     * @throws IOException when it cannot be written
     */
    public static void write(Path dir, String rel, String text) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** @return the symbol of that signature */
    static Symbol symbol(Built g, String signature) {
        return g.symbols().stream().filter(s -> s.signature().equals(signature)).findFirst()
                .orElseThrow(() -> new AssertionError("no symbol " + signature + " in " + signatures(g)));
    }

    static TreeSet<String> signatures(Built g) {
        return new TreeSet<>(g.symbols().stream().map(Symbol::signature).toList());
    }

    /** @return the signatures {@code from} reaches over edges of that kind */
    static TreeSet<String> targets(Built g, EdgeKind kind, String from) {
        int id = symbol(g, from).id();
        return new TreeSet<>(g.edges().stream().filter(e -> e.kind() == kind && e.from() == id)
                .map(e -> g.symbols().get(e.to()).signature()).toList());
    }

    /** @return the signatures with an edge of that kind to {@code to} */
    static TreeSet<String> sources(Built g, EdgeKind kind, String to) {
        int id = symbol(g, to).id();
        return new TreeSet<>(g.edges().stream().filter(e -> e.kind() == kind && e.to() == id)
                .map(e -> g.symbols().get(e.from()).signature()).toList());
    }

    static Map<EdgeKind, Long> counts(Built g) {
        return g.edges().stream().collect(java.util.stream.Collectors.groupingBy(Edge::kind, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    static List<String> dump(Built g) {
        return g.edges().stream().map(e -> e.kind() + " " + g.symbols().get(e.from()).signature() + " -> "
                + g.symbols().get(e.to()).signature()).sorted().toList();
    }
}
