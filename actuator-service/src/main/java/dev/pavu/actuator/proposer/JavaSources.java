package dev.pavu.actuator.proposer;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;

import java.util.List;
import java.util.Optional;

/**
 * Parses Java sources with JavaParser: Java 21 syntax first, then the newest level JavaParser knows.
 * Tab size 1, so that columns are character offsets within a line. A new parser per call (JavaParser
 * instances are not thread-safe).
 */
public final class JavaSources {

    private static final List<LanguageLevel> LEVELS = List.of(LanguageLevel.JAVA_21, LanguageLevel.JAVA_25);

    private JavaSources() {
    }

    /**
     * @param text Java source text
     * @return the compilation unit, or empty when the text does not parse at any supported level
     */
    public static Optional<CompilationUnit> parse(String text) {
        for (LanguageLevel level : LEVELS) {
            ParseResult<CompilationUnit> r = parser(level).parse(text);
            if (r.isSuccessful() && r.getResult().isPresent()) {
                return r.getResult();
            }
        }
        return Optional.empty();
    }

    /**
     * @param text Java source text
     * @return the first problem of the parse at Java 21 level, or empty when the text parses
     */
    public static Optional<String> problem(String text) {
        if (parse(text).isPresent()) {
            return Optional.empty();
        }
        ParseResult<CompilationUnit> r = parser(LEVELS.getFirst()).parse(text);
        return Optional.of(r.getProblems().isEmpty() ? "does not parse" : r.getProblem(0).getVerboseMessage().lines()
                .findFirst().orElse("does not parse"));
    }

    /**
     * Syntax check of a member (method, constructor, field, initialiser) on its own: much faster than
     * parsing the whole file again, for a mutation that stays inside one member.
     *
     * @param text the member's text
     * @return true when it parses as a class body declaration at a supported level
     */
    public static boolean parsesAsMember(String text) {
        for (LanguageLevel level : LEVELS) {
            JavaParser p = new JavaParser(new ParserConfiguration().setLanguageLevel(level).setTabSize(1)
                    .setStoreTokens(false).setAttributeComments(false));
            if (p.parseBodyDeclaration(text).isSuccessful()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param text Java source text
     * @return true when the whole file parses (a quicker parse than {@link #parse}: no tokens, no comments kept)
     */
    public static boolean parses(String text) {
        for (LanguageLevel level : LEVELS) {
            JavaParser p = new JavaParser(new ParserConfiguration().setLanguageLevel(level).setTabSize(1)
                    .setStoreTokens(false).setAttributeComments(false));
            if (p.parse(text).isSuccessful()) {
                return true;
            }
        }
        return false;
    }

    private static JavaParser parser(LanguageLevel level) {
        return new JavaParser(new ParserConfiguration()
                .setLanguageLevel(level)
                .setTabSize(1)
                .setStoreTokens(true)
                .setAttributeComments(true));
    }
}
