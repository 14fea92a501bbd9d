package dev.pavu.actuator.proposer.llm;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import dev.pavu.actuator.proposer.JavaSources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies Java code from a model's answer ({@link FileEdit.JavaCode}):
 * <ul>
 *   <li>a compilation unit whose top-level type is declared in one of the target files replaces that file
 *       (keeping the file's package line when the code has none);</li>
 *   <li>otherwise the code is read as class members: each method or constructor replaces the one of the same
 *       name and parameter types in the target files (it must be exactly one); a method that matches none is
 *       added after the last replaced member of the same file (a new helper). Members of other kinds are
 *       refused.</li>
 * </ul>
 * The replaced text is the declaration's own range (annotations and modifiers included, the Javadoc
 * comment kept), re-indented to the original declaration's column.
 */
final class JavaRewrite {

    private JavaRewrite() {
    }

    /**
     * @param code    the code
     * @param targets candidate files (repository-relative), most suspicious first
     * @param texts   current text of each target that exists
     * @return path → new text, or a refusal reason
     */
    static Outcome apply(String code, List<String> targets, Map<String, String> texts) {
        Optional<CompilationUnit> unit = JavaSources.parse(code);
        // Java 25 reads bare methods as a compact source file: that is the member case below
        if (unit.isPresent() && !unit.get().getTypes().isEmpty()
                && !unit.get().getTypes().get(0).getNameAsString().startsWith("$")) {
            String type = unit.get().getTypes().get(0).getNameAsString();
            List<String> files = targets.stream().filter(t -> texts.containsKey(t)
                    && (t.endsWith("/" + type + ".java") || t.equals(type + ".java"))).distinct().toList();
            if (files.size() != 1) {
                return Outcome.refused("the code declares type " + type + ", which is in " + (files.isEmpty()
                        ? "none of the plan's files " + targets : "several files " + files));
            }
            String path = files.getFirst();
            String revised = code.endsWith("\n") ? code : code + "\n";
            Optional<CompilationUnit> original = JavaSources.parse(texts.get(path));
            if (unit.get().getPackageDeclaration().isEmpty() && original.isPresent()
                    && original.get().getPackageDeclaration().isPresent()) {
                revised = "package " + original.get().getPackageDeclaration().get().getNameAsString() + ";\n\n" + revised;
            }
            return Outcome.changed(Map.of(path, revised), "whole file " + path);
        }
        Optional<CompilationUnit> wrapped = JavaSources.parse("class PavuAnswer__ {\n" + code + "\n}\n");
        if (wrapped.isEmpty() || wrapped.get().getTypes().isEmpty()) {
            return Outcome.refused("the fenced code parses neither as a Java file nor as class members");
        }
        List<BodyDeclaration<?>> members = wrapped.get().getType(0).getMembers();
        if (members.isEmpty()) {
            return Outcome.refused("the fenced code declares no member");
        }
        String wrappedText = "class PavuAnswer__ {\n" + code + "\n}\n";
        Map<String, List<Edit>> edits = new LinkedHashMap<>();
        Map<String, Integer> lastEnd = new LinkedHashMap<>();
        Map<String, String> lastIndent = new LinkedHashMap<>();
        List<CallableDeclaration<?>> unmatched = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (BodyDeclaration<?> member : members) {
            if (!(member instanceof CallableDeclaration<?> callable)) {
                return Outcome.refused("the fenced code holds a " + member.getClass().getSimpleName()
                        + "; only methods and constructors are taken from code");
            }
            List<Match> found = new ArrayList<>();
            for (String path : targets) {
                String text = texts.get(path);
                if (text == null || !path.endsWith(".java")) {
                    continue;
                }
                Optional<CompilationUnit> cu = JavaSources.parse(text);
                if (cu.isEmpty()) {
                    continue;
                }
                for (CallableDeclaration<?> d : cu.get().findAll(CallableDeclaration.class)) {
                    if (d.getNameAsString().equals(callable.getNameAsString()) && sameParameters(d, callable)
                            && d.getClass() == callable.getClass()) {
                        found.add(new Match(path, text, d));
                    }
                }
            }
            if (found.size() > 1) {
                return Outcome.refused("ambiguous: " + signature(callable) + " is declared " + found.size()
                        + " times in " + found.stream().map(Match::path).distinct().toList());
            }
            if (found.isEmpty()) {
                unmatched.add(callable);
                continue;
            }
            Match m = found.getFirst();
            int begin = offset(m.text(), m.decl().getBegin().orElseThrow().line, m.decl().getBegin().get().column);
            int end = offset(m.text(), m.decl().getEnd().orElseThrow().line, m.decl().getEnd().get().column) + 1;
            String indent = indentationAt(m.text(), begin);
            String newText = reindent(slice(wrappedText, callable), indent);
            edits.computeIfAbsent(m.path(), p -> new ArrayList<>()).add(new Edit(begin, end, newText));
            lastEnd.merge(m.path(), end, Math::max);
            lastIndent.put(m.path(), indent);
            replaced.add(signature(callable));
        }
        if (edits.isEmpty()) {
            return Outcome.refused("no method of the code (" + members.stream().filter(CallableDeclaration.class::isInstance)
                    .map(d -> signature((CallableDeclaration<?>) d)).collect(Collectors.joining(", "))
                    + ") is declared in the plan's files " + targets);
        }
        if (!unmatched.isEmpty()) {
            String path = edits.keySet().iterator().next();
            String indent = lastIndent.get(path);
            StringBuilder added = new StringBuilder();
            for (CallableDeclaration<?> u : unmatched) {
                added.append("\n\n").append(indent).append(reindent(slice(wrappedText, u), indent));
                replaced.add("new " + signature(u));
            }
            int at = lastEnd.get(path);
            edits.get(path).add(new Edit(at, at, added.toString()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        edits.forEach((path, list) -> {
            StringBuilder sb = new StringBuilder(texts.get(path));
            list.stream().sorted(Comparator.comparingInt(Edit::begin).reversed())
                    .forEach(e -> sb.replace(e.begin(), e.end(), e.text()));
            out.put(path, sb.toString());
        });
        return Outcome.changed(out, String.join(", ", replaced));
    }

    /** What applying the code gave. */
    record Outcome(Map<String, String> revised, String what, String refusal) {
        static Outcome changed(Map<String, String> revised, String what) {
            return new Outcome(revised, what, null);
        }

        static Outcome refused(String reason) {
            return new Outcome(Map.of(), null, reason);
        }
    }

    private record Match(String path, String text, CallableDeclaration<?> decl) {
    }

    private record Edit(int begin, int end, String text) {
    }

    private static boolean sameParameters(CallableDeclaration<?> a, CallableDeclaration<?> b) {
        if (a.getParameters().size() != b.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < a.getParameters().size(); i++) {
            if (!typeName(a.getParameter(i)).equals(typeName(b.getParameter(i)))) {
                return false;
            }
        }
        return true;
    }

    private static String typeName(Parameter p) {
        String t = p.getType().asString().replaceAll("\\s+", "");
        int lt = t.indexOf('<');
        String raw = lt >= 0 ? t.substring(0, lt) + t.substring(t.lastIndexOf('>') + 1) : t;
        raw = raw.substring(raw.lastIndexOf('.') + 1);
        return raw + (p.isVarArgs() ? "..." : "");
    }

    private static String signature(CallableDeclaration<?> d) {
        return d.getNameAsString() + "(" + d.getParameters().stream().map(JavaRewrite::typeName)
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The member's text in the wrapped answer, its Javadoc included when it has one. */
    private static String slice(String wrapped, Node n) {
        Node from = n.getComment().filter(c -> c.getBegin().isPresent()).map(c -> (Node) c).orElse(n);
        int begin = offset(wrapped, from.getBegin().orElseThrow().line, from.getBegin().get().column);
        int end = offset(wrapped, n.getEnd().orElseThrow().line, n.getEnd().get().column) + 1;
        return wrapped.substring(begin, end);
    }

    /** Re-indents a member so its first line sits at {@code indent} and the others keep their relative indentation. */
    static String reindent(String member, String indent) {
        List<String> lines = Fences.lines(member);
        int common = Integer.MAX_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank()) {
                common = Math.min(common, l.length() - l.stripLeading().length());
            }
        }
        // the first line's own indentation was cut by the slice; the body's smallest one is one level deeper
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == 0) {
                sb.append(l.stripLeading());
            } else if (l.isBlank()) {
                sb.append('\n');
                continue;
            } else {
                int lead = l.length() - l.stripLeading().length();
                int base = lastLineIndent(lines, common);
                sb.append('\n').append(indent).append(" ".repeat(Math.max(0, lead - base))).append(l.stripLeading());
                continue;
            }
        }
        return sb.toString();
    }

    /** The indentation of the member's closing line: the level the member itself sits at. */
    private static int lastLineIndent(List<String> lines, int common) {
        String last = lines.getLast();
        if (lines.size() > 1 && !last.isBlank()) {
            return last.length() - last.stripLeading().length();
        }
        return common == Integer.MAX_VALUE ? 0 : common;
    }

    private static String indentationAt(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int i = lineStart;
        while (i < offset && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** @return the character offset of a 1-based line and column (tab size 1) */
    static int offset(String text, int line, int column) {
        int off = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', off);
            if (nl < 0) {
                return text.length();
            }
            off = nl + 1;
        }
        return Math.min(text.length(), off + column - 1);
    }
}
