package dev.pavu.planner.ranking;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.Hunk;
import dev.pavu.workspace.diff.HunkLine;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a patch changes, measured on its unified diff: how many AST nodes differ and which statements or conditions
 * it deletes. Each change region of a hunk (a run of removed lines followed by a run of added lines) is parsed on both
 * sides with JavaParser as a block of statements (braces the region opens or closes outside it are balanced first);
 * the change size is the difference of the two sides' bags of node labels (node type plus operator, name or literal),
 * the deleted statements are the statements of a kind (return, throw, call, assignment, …) the old side has more of
 * than the new one. A side that does not parse (e.g. {@code } else {}) is compared token by token instead, and its
 * deletions counted from {@code return}, {@code throw} and statement ends ({@code ;}).
 *
 * <p>Sources: change size as a correctness signal — Prophet (Long &amp; Rinard, "Automatic patch generation by learning
 * correct code", POPL 2016), CapGen (Wen et al., "Context-aware patch generation for better automated program repair",
 * ICSE 2018); deleted functionality — Kali (Qi et al., "An analysis of patch plausibility and correctness for
 * generate-and-validate patch generation systems", ISSTA 2015) and the anti-patterns of Tan et al. ("Anti-patterns in
 * search-based program repair", FSE 2016); static features of overfitting patches — ODS (Ye et al., "Automated
 * classification of overfitting patches with statically extracted code features", TSE 2021).
 *
 * @param changedNodes      AST nodes (or tokens, where a side does not parse) that differ between old and new code, ≥ 0
 * @param deletedStatements statements the patch removes without a counterpart of the same kind, ≥ 0
 * @param deletedExits      of those, {@code return} and {@code throw} statements (they end a path: removing one
 *                          changes what the method does on every input that reaches it), ≥ 0
 * @param droppedConditions {@code &&}/{@code ||} operands removed (a check dropped), ≥ 0
 * @param deletesOnly       the patch adds no line at all
 */
public record PatchFeatures(int changedNodes, int deletedStatements, int deletedExits, int droppedConditions,
                            boolean deletesOnly) {

    private static final Pattern TOKEN = Pattern.compile(
            ">>>=|<<=|>>=|>>>|&&|\\|\\||==|!=|<=|>=|\\+\\+|--|->|::|[-+*/%&|^]=|<<|>>|\"(?:[^\"\\\\]|\\\\.)*\"|[\\p{L}\\p{N}_$.]+|\\S");
    private static final Pattern EXIT = Pattern.compile("\\b(return|throw)\\b");
    private static final Pattern CONNECTIVE = Pattern.compile("&&|\\|\\|");

    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)));

    /**
     * @param diff a unified diff (git style), as the verifier judged it
     * @return its features; an empty or unparsable diff has none (all zero)
     */
    public static PatchFeatures of(String diff) {
        if (diff == null || diff.isBlank()) {
            return new PatchFeatures(0, 0, 0, 0, false);
        }
        List<FilePatch> files;
        try {
            files = UnifiedDiffs.parse(diff);
        } catch (RuntimeException e) {
            return new PatchFeatures(0, 0, 0, 0, false);
        }
        int nodes = 0, deleted = 0, exits = 0, dropped = 0;
        boolean added = false;
        boolean removed = false;
        for (FilePatch f : files) {
            for (Hunk h : f.hunks()) {
                for (Region r : regions(h)) {
                    added |= !r.added.isBlank();
                    removed |= !r.removed.isBlank();
                    Side old = side(r.removed);
                    Side now = side(r.added);
                    if (old.parsed && now.parsed) {
                        nodes += bagDistance(old.labels, now.labels);
                        for (Map.Entry<String, Integer> e : old.statements.entrySet()) {
                            int gone = e.getValue() - now.statements.getOrDefault(e.getKey(), 0);
                            if (gone > 0) {
                                deleted += gone;
                                if (e.getKey().equals("ReturnStmt") || e.getKey().equals("ThrowStmt")) {
                                    exits += gone;
                                }
                            }
                        }
                    } else {
                        nodes += bagDistance(tokens(r.removed), tokens(r.added));
                        deleted += Math.max(0, count(';', r.removed) - count(';', r.added));
                        exits += Math.max(0, matches(EXIT, r.removed) - matches(EXIT, r.added));
                    }
                    dropped += Math.max(0, matches(CONNECTIVE, r.removed) - matches(CONNECTIVE, r.added));
                }
            }
        }
        return new PatchFeatures(nodes, deleted, exits, dropped, removed && !added);
    }

    /** One change region: removed lines then added lines, each joined with newlines. */
    private record Region(String removed, String added) {
    }

    private static List<Region> regions(Hunk h) {
        List<Region> out = new ArrayList<>();
        StringBuilder rem = new StringBuilder();
        StringBuilder add = new StringBuilder();
        for (HunkLine l : h.lines()) {
            switch (l.op()) {
                case DELETE -> {
                    if (!add.isEmpty()) {
                        out.add(new Region(rem.toString(), add.toString()));
                        rem.setLength(0);
                        add.setLength(0);
                    }
                    rem.append(l.text()).append('\n');
                }
                case ADD -> add.append(l.text()).append('\n');
                case CONTEXT -> {
                    if (!rem.isEmpty() || !add.isEmpty()) {
                        out.add(new Region(rem.toString(), add.toString()));
                        rem.setLength(0);
                        add.setLength(0);
                    }
                }
            }
        }
        if (!rem.isEmpty() || !add.isEmpty()) {
            out.add(new Region(rem.toString(), add.toString()));
        }
        return out;
    }

    /** A side of a region: parsed (AST labels and statement kinds) or not (then only its tokens are used). */
    private record Side(boolean parsed, Map<String, Integer> labels, Map<String, Integer> statements) {
    }

    private static Side side(String code) {
        if (code.isBlank()) {
            return new Side(true, Map.of(), Map.of());
        }
        ParseResult<BlockStmt> r;
        try {
            r = PARSER.get().parseBlock("{\n" + balance(code) + "\n}");
        } catch (RuntimeException e) {
            return new Side(false, Map.of(), Map.of());
        }
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            return new Side(false, Map.of(), Map.of());
        }
        BlockStmt block = r.getResult().get();
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Integer> statements = new HashMap<>();
        for (Node n : block.getChildNodes()) {
            n.walk(x -> {
                labels.merge(label(x), 1, Integer::sum);
                if (x instanceof Statement s && !(s instanceof BlockStmt)) {
                    statements.merge(statementKind(s), 1, Integer::sum);
                }
            });
        }
        return new Side(true, labels, statements);
    }

    /** Closes the blocks the code opens (an {@code if (…) {} line ends the region) and drops closers it cannot match. */
    static String balance(String code) {
        int depth = 0;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    continue; // closes a block opened before the region
                }
                depth--;
            }
            out.append(c);
        }
        out.append("}".repeat(depth));
        return out.toString();
    }

    private static String label(Node n) {
        String type = n.getClass().getSimpleName();
        return switch (n) {
            case BinaryExpr b -> type + ":" + b.getOperator();
            case UnaryExpr u -> type + ":" + u.getOperator();
            case AssignExpr a -> type + ":" + a.getOperator();
            case SimpleName s -> type + ":" + s.getIdentifier();
            case LiteralStringValueExpr l -> type + ":" + l.getValue();
            default -> type;
        };
    }

    private static String statementKind(Statement s) {
        if (s instanceof ExpressionStmt e) {
            return switch (e.getExpression()) {
                case MethodCallExpr m -> "call";
                case AssignExpr a -> "assignment";
                case UnaryExpr u -> "increment";
                default -> "expression";
            };
        }
        if (s instanceof ReturnStmt || s instanceof ThrowStmt) {
            return s.getClass().getSimpleName();
        }
        return s.getClass().getSimpleName();
    }

    private static Map<String, Integer> tokens(String code) {
        Map<String, Integer> bag = new HashMap<>();
        Matcher m = TOKEN.matcher(code);
        while (m.find()) {
            bag.merge(m.group(), 1, Integer::sum);
        }
        return bag;
    }

    private static int bagDistance(Map<String, Integer> a, Map<String, Integer> b) {
        int d = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            d += Math.abs(e.getValue() - b.getOrDefault(e.getKey(), 0));
        }
        for (Map.Entry<String, Integer> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                d += e.getValue();
            }
        }
        return d;
    }

    private static int count(char c, String s) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private static int matches(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
