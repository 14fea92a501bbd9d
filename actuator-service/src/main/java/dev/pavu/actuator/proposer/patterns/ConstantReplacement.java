package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Wrong constant: a numeric literal replaced by another literal of the same kind that the file uses
 * (nearest values first, at most {@link #MAX_FROM_FILE}, k of them sharing 1/√k of the weight), or by one of the usual constants 0, 1, -1, 2
 * (values one away are {@link OffByOne}'s and not repeated here); a named {@code static final} constant of
 * the file replaced by another one of the same type; an enum constant replaced by a sibling, for enums
 * declared in the file and a few JDK enums ({@code RoundingMode}, {@code TimeUnit}, {@code ChronoUnit},
 * {@code DayOfWeek}), nearer siblings in declaration order first; and {@code ""} ↔ {@code null} where a string is
 * compared, initialised, assigned or returned.
 */
public final class ConstantReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "constant-replacement";

    /** At most this many literals of the file per replaced literal. */
    static final int MAX_FROM_FILE = 4;

    /** At most this many siblings per named or enum constant. */
    static final int MAX_SIBLINGS = 4;

    /** JDK enums whose constants are often mixed up, in declaration order ({@code RoundingMode.UNNECESSARY} left out). */
    static final Map<String, List<String>> JDK_ENUMS = Map.of(
            "RoundingMode", List.of("UP", "DOWN", "CEILING", "FLOOR", "HALF_UP", "HALF_DOWN", "HALF_EVEN"),
            "TimeUnit", List.of("NANOSECONDS", "MICROSECONDS", "MILLISECONDS", "SECONDS", "MINUTES", "HOURS", "DAYS"),
            "ChronoUnit", List.of("NANOS", "MICROS", "MILLIS", "SECONDS", "MINUTES", "HOURS", "HALF_DAYS", "DAYS",
                    "WEEKS", "MONTHS", "YEARS", "DECADES", "CENTURIES", "MILLENNIA"),
            "DayOfWeek", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"));

    private static final List<Long> USUAL = List.of(0L, 1L, -1L, 2L);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (LiteralExpr lit : ctx.own(target, LiteralExpr.class)) {
            if (lit.findAncestor(AnnotationExpr.class).isPresent()) {
                continue;
            }
            if (lit instanceof IntegerLiteralExpr || lit instanceof LongLiteralExpr || lit instanceof DoubleLiteralExpr) {
                literal(lit, ctx, out);
            }
        }
        emptyStringAndNull(target, ctx, out);
        Map<String, String> constants = ConditionGuards.constants(ctx);
        for (NameExpr n : ctx.own(target, NameExpr.class)) {
            String type = constants.get(n.getNameAsString());
            if (type == null || ctx.scope(n).containsKey(n.getNameAsString())
                    && ctx.scope(n).get(n.getNameAsString()).kind() != Variable.Kind.FIELD) {
                continue;
            }
            int k = 0;
            for (Map.Entry<String, String> c : constants.entrySet()) {
                if (c.getValue().equals(type) && !c.getKey().equals(n.getNameAsString()) && k++ < MAX_SIBLINGS) {
                    out.add(ctx.mutation(n, c.getKey(), "replace constant " + n.getNameAsString() + " with " + c.getKey(), 0.7));
                }
            }
        }
        for (FieldAccessExpr f : ctx.own(target, FieldAccessExpr.class)) {
            if (!(f.getScope() instanceof NameExpr type)) {
                continue;
            }
            List<String> values = enumConstants(type.getNameAsString(), ctx);
            int at = values.indexOf(f.getNameAsString());
            if (at < 0) {
                continue;
            }
            List<String> siblings = new ArrayList<>(values);
            siblings.remove(at);
            siblings.sort(Comparator.comparingInt(s -> Math.abs(values.indexOf(s) - at)));
            for (String s : siblings.subList(0, Math.min(MAX_SIBLINGS, siblings.size()))) {
                int distance = Math.abs(values.indexOf(s) - at);
                double weight = distance == 1 ? 0.8 : distance == 2 ? 0.6 : 0.4;
                out.add(ctx.mutation(f, type.getNameAsString() + "." + s, "replace constant " + ctx.text(f) + " with "
                        + type.getNameAsString() + "." + s, weight));
            }
        }
        return out;
    }

    /**
     * {@code ""} ↔ {@code null} where a string is compared with {@code ==}/{@code !=}, initialised, assigned or
     * returned: an empty-string sentinel where the map or API answers {@code null}, or a {@code null} start of a
     * string that is appended to.
     */
    private static void emptyStringAndNull(Node target, MutationContext ctx, List<Mutation> out) {
        for (StringLiteralExpr s : ctx.own(target, StringLiteralExpr.class)) {
            if (s.getValue().isEmpty() && stringSlot(s, ctx, true)) {
                out.add(ctx.mutation(s, "null", "replace \"\" with null", 0.6));
            }
        }
        for (NullLiteralExpr n : ctx.own(target, NullLiteralExpr.class)) {
            if (stringSlot(n, ctx, false)) {
                out.add(ctx.mutation(n, "\"\"", "replace null with \"\"", 0.6));
            }
        }
    }

    /** A comparison, initialiser, assignment or return of the literal; for {@code null}, only where a String goes. */
    private static boolean stringSlot(Expression lit, MutationContext ctx, boolean isString) {
        Node parent = lit.getParentNode().orElse(null);
        if (parent instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.EQUALS
                || b.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
            return isString || "String".equals(ctx.typeOf(b.getLeft() == lit ? b.getRight() : b.getLeft()));
        }
        if (parent instanceof VariableDeclarator v) {
            return isString || Types.normalise(v.getType()).equals("String");
        }
        if (parent instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.ASSIGN && a.getValue() == lit) {
            return isString || "String".equals(ctx.typeOf(a.getTarget()));
        }
        if (parent instanceof ReturnStmt) {
            return isString || ctx.enclosingReturnType(lit).map(t -> Types.normalise(t).equals("String")).orElse(false);
        }
        return false;
    }

    private static void literal(LiteralExpr lit, MutationContext ctx, List<Mutation> out) {
        Expression node = lit;
        boolean negative = false;
        if (lit.getParentNode().orElse(null) instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            node = u;
            negative = true;
        }
        BigDecimal value = value(lit);
        if (value == null) {
            return;
        }
        if (negative) {
            value = value.negate();
        }
        String suffix = suffix(lit, ctx);
        Set<String> proposed = new LinkedHashSet<>();
        proposed.add(format(value, lit, suffix));
        BigDecimal v = value;
        List<BigDecimal> fromFile = new ArrayList<>();
        Map<Class<?>, Map<BigDecimal, Integer>> literals = ctx.memo(NAME + ".literals", () -> literals(ctx));
        for (Map.Entry<BigDecimal, Integer> e : literals.getOrDefault(lit.getClass(), Map.of()).entrySet()) {
            BigDecimal w = e.getKey();
            // a value used only by this very literal is not "another literal of the file"
            boolean elsewhere = w.compareTo(value(lit)) != 0 || e.getValue() > 1;
            if (elsewhere && w.compareTo(v) != 0 && w.subtract(v).abs().compareTo(BigDecimal.ONE) != 0) {
                fromFile.add(w);
            }
        }
        fromFile.sort(Comparator.comparing((BigDecimal w) -> w.subtract(v).abs()));
        List<BigDecimal> chosen = fromFile.subList(0, Math.min(MAX_FROM_FILE, fromFile.size()));
        double spread = 1 / Math.sqrt(Math.max(1, chosen.size()));
        for (BigDecimal w : chosen) {
            String text = format(w, lit, suffix);
            if (proposed.add(text)) {
                out.add(ctx.mutation(node, text, "replace constant " + ctx.text(node) + " with " + text + " (used in the file)",
                        0.8 * spread));
            }
        }
        for (long u : USUAL) {
            BigDecimal w = BigDecimal.valueOf(u);
            if (!(lit instanceof DoubleLiteralExpr) && w.subtract(v).abs().compareTo(BigDecimal.ONE) == 0) {
                continue; // OffByOne's
            }
            String text = format(w, lit, suffix);
            if (proposed.add(text)) {
                double weight = w.compareTo(v.negate()) == 0 ? 0.7 : 0.5;
                out.add(ctx.mutation(node, text, "replace constant " + ctx.text(node) + " with " + text, weight));
            }
        }
    }

    /** Per literal class, the distinct values of the file's numeric literals (as written, unsigned) and how often each occurs. */
    private static Map<Class<?>, Map<BigDecimal, Integer>> literals(MutationContext ctx) {
        Map<Class<?>, Map<BigDecimal, Integer>> out = new HashMap<>();
        for (LiteralExpr l : ctx.unit().findAll(LiteralExpr.class)) {
            BigDecimal w = value(l);
            if (w != null) {
                out.computeIfAbsent(l.getClass(), k -> new TreeMap<>()).merge(w, 1, Integer::sum);
            }
        }
        return out;
    }

    private static String suffix(LiteralExpr lit, MutationContext ctx) {
        String t = ctx.text(lit);
        char last = t.charAt(t.length() - 1);
        return Character.isLetter(last) && last != 'e' && last != 'E' && !(lit instanceof IntegerLiteralExpr) ? String.valueOf(last) : "";
    }

    private static String format(BigDecimal w, LiteralExpr lit, String suffix) {
        if (lit instanceof DoubleLiteralExpr) {
            String s = w.stripTrailingZeros().toPlainString();
            return (s.contains(".") ? s : s + ".0") + suffix;
        }
        return w.toBigInteger().toString() + suffix;
    }

    /** The literal's value, or {@code null} for hex, octal, binary and other forms not worth rewriting. */
    static BigDecimal value(LiteralExpr lit) {
        String t;
        if (lit instanceof IntegerLiteralExpr i) {
            t = i.getValue();
        } else if (lit instanceof LongLiteralExpr l) {
            t = l.getValue();
        } else if (lit instanceof DoubleLiteralExpr d) {
            t = d.getValue();
        } else {
            return null;
        }
        t = t.replace("_", "").replaceAll("[lLdDfF]$", "");
        if (t.isEmpty() || t.length() > 18 || t.startsWith("0x") || t.startsWith("0X") || t.startsWith("0b") || t.startsWith("0B")
                || lit instanceof IntegerLiteralExpr && t.length() > 1 && t.startsWith("0")) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(t);
            return lit instanceof DoubleLiteralExpr || value.scale() <= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Constants of an enum declared in the file, or of a known JDK enum; empty otherwise. */
    private static List<String> enumConstants(String type, MutationContext ctx) {
        for (EnumDeclaration e : ctx.unit().findAll(EnumDeclaration.class)) {
            if (e.getNameAsString().equals(type)) {
                return e.getEntries().stream().map(x -> x.getNameAsString()).toList();
            }
        }
        return JDK_ENUMS.getOrDefault(type, List.of());
    }
}
