package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Changed loop bounds, at a loop header whose condition compares a loop variable {@code v} (one the loop
 * changes) with a bound {@code B}: a size bound ({@code a.length}, {@code s.length()}, {@code list.size()})
 * ±1 on either side of the comparison; the bound of an inner loop reduced by an enclosing {@code for}'s
 * variable ({@code j < n} → {@code j < n - i}, {@code n - i - 1}: the shrinking inner loop of a bubble
 * sort); the bound replaced by the size of another array, string or collection in scope ({@code i < n} →
 * {@code i < a.length}); a {@code for} loop's start index 0 ↔ 1; and an inner {@code for} loop's start tied to an
 * enclosing {@code for}'s variable {@code i} ({@code j = 0} → {@code j = i + 1}, {@code j = i}: every pair once). ({@code <} ↔ {@code <=} is
 * {@link RelationalOperatorReplacement}'s.) At most {@link #MAX_SIZES} other sizes per bound.
 */
public final class LoopBoundChange implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "loop-bound-change";

    /** At most this many other size expressions per bound. */
    static final int MAX_SIZES = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        Optional<Expression> cond = switch (target) {
            case ForStmt f -> f.getCompare();
            case WhileStmt w -> Optional.of(w.getCondition());
            case DoStmt d -> Optional.of(d.getCondition());
            default -> Optional.empty();
        };
        if (cond.isEmpty()) {
            return List.of();
        }
        Statement loop = (Statement) target;
        Set<String> changed = MutationContext.modifiedNames(loop);
        List<Mutation> out = new ArrayList<>();
        for (BinaryExpr b : cond.get().findAll(BinaryExpr.class)) {
            if (!isOrdering(b.getOperator())) {
                continue;
            }
            Expression bound;
            String v;
            if (b.getLeft() instanceof NameExpr n && changed.contains(n.getNameAsString())) {
                v = n.getNameAsString();
                bound = b.getRight();
            } else if (b.getRight() instanceof NameExpr n && changed.contains(n.getNameAsString())) {
                v = n.getNameAsString();
                bound = b.getLeft();
            } else {
                continue;
            }
            String text = ctx.text(bound);
            String base = ctx.additiveOperand(bound);
            if (isSize(bound)) {
                out.add(ctx.mutation(bound, base + " - 1", "loop bound " + text + " - 1", 0.8));
                out.add(ctx.mutation(bound, base + " + 1", "loop bound " + text + " + 1", 0.5));
            }
            for (String o : outerForVariables(loop)) {
                if (!o.equals(v) && !MutationContext.namesUsed(bound).contains(o)) {
                    out.add(ctx.mutation(bound, base + " - " + o, "loop bound " + text + " - " + o, 0.7));
                    out.add(ctx.mutation(bound, base + " - " + o + " - 1", "loop bound " + text + " - " + o + " - 1", 0.6));
                }
            }
            int k = 0;
            for (String size : sizes(bound, ctx)) {
                if (k++ >= MAX_SIZES) {
                    break;
                }
                if (!size.equals(text)) {
                    out.add(ctx.mutation(bound, size, "loop bound " + text + " → " + size, 0.5));
                }
            }
        }
        if (loop instanceof ForStmt f) {
            for (Expression init : f.getInitialization()) {
                List<VariableDeclarator> vars = init instanceof VariableDeclarationExpr d ? d.getVariables() : List.of();
                for (VariableDeclarator v : vars) {
                    if (v.getInitializer().orElse(null) instanceof IntegerLiteralExpr lit
                            && (lit.getValue().equals("0") || lit.getValue().equals("1"))) {
                        String other = lit.getValue().equals("0") ? "1" : "0";
                        out.add(ctx.mutation(lit, other, "loop start " + v.getNameAsString() + " = " + other, 0.8));
                    }
                    v.getInitializer().ifPresent(start -> innerStart(loop, v.getNameAsString(), start, ctx, out));
                }
            }
        }
        return out;
    }

    /**
     * An inner {@code for} loop that starts where it should start after an enclosing loop's variable {@code o}:
     * {@code j = 0} → {@code j = o + 1} (each pair once), {@code j = o} (each pair and the diagonal). Only for an
     * {@code int} start that does not use {@code o} yet ({@code j = o} → {@code j = o + 1} is {@link OffByOne}'s).
     */
    private static void innerStart(Statement loop, String v, Expression start, MutationContext ctx, List<Mutation> out) {
        if (!(start instanceof IntegerLiteralExpr) && !(start instanceof NameExpr)) {
            return;
        }
        for (String o : outerForVariables(loop)) {
            Variable outer = ctx.scope(start).get(o);
            if (o.equals(v) || outer == null || !outer.type().equals("int") || MutationContext.namesUsed(start).contains(o)) {
                continue;
            }
            out.add(ctx.mutation(start, o + " + 1", "inner loop start " + v + " = " + o + " + 1 (each pair once)", 0.7));
            out.add(ctx.mutation(start, o, "inner loop start " + v + " = " + o, 0.5));
        }
    }

    private static boolean isOrdering(Operator op) {
        return op == Operator.LESS || op == Operator.LESS_EQUALS || op == Operator.GREATER || op == Operator.GREATER_EQUALS;
    }

    /** {@code a.length}, {@code s.length()}, {@code list.size()}. */
    static boolean isSize(Expression e) {
        return e instanceof FieldAccessExpr f && f.getNameAsString().equals("length")
                || e instanceof MethodCallExpr m && m.getArguments().isEmpty() && m.getScope().isPresent()
                && (m.getNameAsString().equals("length") || m.getNameAsString().equals("size"));
    }

    /** Variables updated by the enclosing {@code for} loops, innermost first. */
    private static List<String> outerForVariables(Statement loop) {
        Set<String> out = new LinkedHashSet<>();
        Optional<Statement> outer = MutationContext.enclosingLoop(loop);
        while (outer.isPresent()) {
            if (outer.get() instanceof ForStmt f) {
                f.getUpdate().forEach(u -> out.addAll(MutationContext.modifiedNames(u)));
            }
            outer = MutationContext.enclosingLoop(outer.get());
        }
        return List.copyOf(out);
    }

    /** Sizes of the arrays, strings and collections in scope (for a size bound: of the same kind). */
    private static List<String> sizes(Expression bound, MutationContext ctx) {
        List<String> out = new ArrayList<>();
        boolean intBound = bound instanceof NameExpr n && "int".equals(ctx.typeOf(n));
        if (!isSize(bound) && !intBound) {
            return out;
        }
        for (Variable v : ctx.scope(bound).values()) {
            if (v.kind() == Variable.Kind.FIELD && MutationContext.inStaticContext(bound) && !v.isStatic()) {
                continue;
            }
            String t = v.type();
            String size = t.endsWith("[]") ? v.name() + ".length"
                    : t.equals("String") || t.equals("StringBuilder") ? v.name() + ".length()"
                    : t.matches("(List|ArrayList|LinkedList|Set|HashSet|TreeSet|Collection|Map|HashMap|TreeMap|Deque|ArrayDeque)(<.*>)?")
                    ? v.name() + ".size()" : null;
            if (size == null) {
                continue;
            }
            if (isSize(bound) && !sameKind(bound, size)) {
                continue;
            }
            out.add(size);
        }
        return out;
    }

    private static boolean sameKind(Expression bound, String size) {
        if (bound instanceof FieldAccessExpr) {
            return size.endsWith(".length");
        }
        return size.endsWith("()") && size.substring(size.lastIndexOf('.')).equals("." + ((MethodCallExpr) bound).getNameAsString() + "()");
    }
}
