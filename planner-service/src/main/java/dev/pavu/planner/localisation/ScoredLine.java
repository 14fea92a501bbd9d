package dev.pavu.planner.localisation;

/**
 * One statement with a suspiciousness score from one evidence source.
 *
 * @param file       repository-relative path
 * @param line       1-based line of the statement
 * @param className  binary class name, or {@code null}
 * @param methodName enclosing method, or {@code null}
 * @param score      in [0, 1]
 * @param evidence   the source's name, e.g. {@code stack-trace}
 */
public record ScoredLine(String file, int line, String className, String methodName, double score, String evidence) {

    /** @return {@code file:line}, the identity of a location */
    public String key() {
        return file + ":" + line;
    }
}
