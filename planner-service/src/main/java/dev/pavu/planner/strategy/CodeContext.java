package dev.pavu.planner.strategy;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.workspace.layout.CheckoutFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code around a plan's suspicious locations, read from a checkout: the method or constructor holding each
 * location (its size is a feature of the cost model; its text goes into the exploration prompt).
 */
public final class CodeContext {

    private CodeContext() {
    }

    /**
     * A method holding a suspicious location.
     *
     * @param file  repository-relative path
     * @param name  method name ({@code <init>} style names are the class name for constructors)
     * @param begin first line
     * @param end   last line
     * @param text  its source text
     */
    public record Method(String file, String name, int begin, int end, String text) {
        /** @return its length in lines */
        public int lines() {
            return end - begin + 1;
        }
    }

    /**
     * @param root      the checkout
     * @param locations the plan's locations, most suspicious first
     * @param max       distinct methods at most
     * @return the methods holding the locations, in the locations' order, without repeats
     */
    public static List<Method> methods(Path root, List<SuspiciousLocation> locations, int max) {
        Map<String, Optional<CompilationUnit>> parsed = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<Method> out = new ArrayList<>();
        for (SuspiciousLocation l : locations) {
            if (out.size() >= max) {
                break;
            }
            if (l.file() == null || !l.file().endsWith(".java")) {
                continue;
            }
            Optional<CompilationUnit> cu = parsed.computeIfAbsent(l.file(), f -> {
                try {
                    Optional<String> read = CheckoutFiles.readString(root, f); // never through a symbolic link
                    if (read.isEmpty()) {
                        return Optional.empty();
                    }
                    String text = read.get();
                    texts.put(f, text);
                    return parse(text);
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            });
            if (cu.isEmpty()) {
                continue;
            }
            enclosing(cu.get(), l.line()).ifPresent(d -> {
                int b = d.getBegin().orElseThrow().line;
                int e = d.getEnd().orElseThrow().line;
                boolean seen = out.stream().anyMatch(m -> m.file().equals(l.file()) && m.begin() == b);
                if (!seen) {
                    List<String> lines = texts.get(l.file()).lines().toList();
                    String text = String.join("\n", lines.subList(Math.max(0, b - 1), Math.min(lines.size(), e)));
                    out.add(new Method(l.file(), d.getNameAsString(), b, e, text));
                }
            });
        }
        return out;
    }

    static Optional<CompilationUnit> parse(String text) {
        for (ParserConfiguration.LanguageLevel level : List.of(ParserConfiguration.LanguageLevel.JAVA_21,
                ParserConfiguration.LanguageLevel.JAVA_25)) {
            ParseResult<CompilationUnit> r = new JavaParser(new ParserConfiguration().setLanguageLevel(level)
                    .setAttributeComments(false)).parse(text);
            if (r.isSuccessful() && r.getResult().isPresent()) {
                return r.getResult();
            }
        }
        return Optional.empty();
    }

    /** @return the innermost method or constructor whose lines hold {@code line} */
    static Optional<CallableDeclaration<?>> enclosing(CompilationUnit cu, int line) {
        CallableDeclaration<?> best = null;
        for (CallableDeclaration<?> d : cu.findAll(CallableDeclaration.class)) {
            if (d.getBegin().isEmpty() || d.getEnd().isEmpty()) {
                continue;
            }
            int b = d.getBegin().get().line;
            int e = d.getEnd().get().line;
            if (b <= line && line <= e && (best == null
                    || e - b < best.getEnd().get().line - best.getBegin().get().line)) {
                best = d;
            }
        }
        return Optional.ofNullable(best);
    }
}
