package dev.pavu.bench.topologicalsort;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopologicalSortTest {

    @Test
    void independentNodesInAlphabeticalOrder() {
        assertEquals(List.of("a", "b", "c"), TopologicalSort.sort(List.of("c", "a", "b"), List.of()));
    }

    @Test
    void chain() {
        assertEquals(List.of("compile", "test", "package"), TopologicalSort.sort(List.of("package", "test", "compile"),
                List.of(new Dependency("compile", "test"), new Dependency("test", "package"))));
    }

    @Test
    void diamond() {
        assertEquals(List.of("a", "b", "c", "d"), TopologicalSort.sort(List.of("a", "b", "c", "d"),
                List.of(new Dependency("a", "b"), new Dependency("a", "c"),
                        new Dependency("b", "d"), new Dependency("c", "d"))));
    }

    @Test
    void cycleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TopologicalSort.sort(List.of("x", "y"),
                List.of(new Dependency("x", "y"), new Dependency("y", "x"))));
    }
}
