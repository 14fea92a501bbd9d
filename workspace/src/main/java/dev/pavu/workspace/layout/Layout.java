package dev.pavu.workspace.layout;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a repository keeps its build file, sources and tests. All paths are relative to the repository root;
 * the empty path ({@code Path.of("")}) stands for the root itself. Only directories that exist are listed.
 *
 * @param kind        the build system
 * @param buildFile   the main build file (e.g. {@code pom.xml}), or {@code null} for {@link BuildKind#UNKNOWN}
 *                    and for Python projects recognised only by their {@code tests/*.py}
 * @param sourceRoots production source directories, the root project's first, then modules in declaration order
 * @param testRoots   test source directories, in the same order
 */
public record Layout(BuildKind kind, Path buildFile, List<Path> sourceRoots, List<Path> testRoots) {

    /** Copies the lists into unmodifiable ones. */
    public Layout {
        Objects.requireNonNull(kind, "kind");
        sourceRoots = List.copyOf(sourceRoots);
        testRoots = List.copyOf(testRoots);
    }

    /** {@return the layout of a repository with no recognised build: no build file, no roots} */
    public static Layout unknown() {
        return new Layout(BuildKind.UNKNOWN, null, List.of(), List.of());
    }
}
