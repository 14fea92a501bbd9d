package dev.pavu.bench.topologicalsort;

/** {@code before} must come before {@code after}. */
public record Dependency(String before, String after) {
}
