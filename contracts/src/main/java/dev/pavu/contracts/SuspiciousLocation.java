package dev.pavu.contracts;

/**
 * One ranked statement of fault localisation.
 *
 * @param file       repository-relative path, e.g. {@code src/main/java/com/acme/Stats.java}
 * @param line       1-based line of the statement
 * @param className  fully qualified class, or {@code null} when unknown
 * @param methodName enclosing method, or {@code null}
 * @param score      suspiciousness in [0, 1]; higher is more suspicious (Ochiai, or a stack-trace heuristic)
 * @param evidence   how the score was found: {@code stack-trace}, {@code ochiai}, {@code tarantula}, {@code dstar}, …
 */
public record SuspiciousLocation(String file, int line, String className, String methodName, double score,
                                 String evidence) {
}
