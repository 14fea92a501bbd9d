package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Off-by-one: an integer literal ±1 (in {@code n - 1} the offset itself, so {@code n - 1} becomes
 * {@code n} or {@code n - 2}), an array index ±1 ({@code a[i]} → {@code a[i + 1]}), the bound of a
 * comparison ±1 ({@code i < n} → {@code i < n - 1}), an integer value assigned or used to initialise a
 * variable ±1 ({@code low = mid} → {@code low = mid + 1}) and an integer argument of a call ±1
 * ({@code s.substring(0, k)} → {@code s.substring(0, k + 1)}).
 */
public final class OffByOne implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "off-by-one";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (LiteralExpr lit : ctx.own(target, LiteralExpr.class)) {
            if (lit instanceof IntegerLiteralExpr || lit instanceof LongLiteralExpr) {
                literal(lit, ctx, out);
            }
        }
        for (ArrayAccessExpr a : ctx.own(target, ArrayAccessExpr.class)) {
            Expression index = a.getIndex();
            if (!isConstantish(index)) {
                shift(index, "index", 0.9, ctx, out);
            }
        }
        for (BinaryExpr b : ctx.own(target, BinaryExpr.class)) {
            if (isRelational(b.getOperator()) && !isConstantish(b.getRight()) && !Types.isNullLiteral(b.getRight())) {
                String t = ctx.typeOf(b.getRight());
                if (t == null || Types.isNumeric(t)) {
                    boolean ordering = b.getOperator() != Operator.EQUALS && b.getOperator() != Operator.NOT_EQUALS;
                    shift(b.getRight(), "bound", ordering ? 0.8 : 0.5, ctx, out);
                }
            }
        }
        for (AssignExpr a : ctx.own(target, AssignExpr.class)) {
            if (a.getOperator() == AssignExpr.Operator.ASSIGN && !isConstantish(a.getValue())
                    && isIntegral(ctx.typeOf(a.getTarget()))) {
                shift(a.getValue(), "assigned value", 0.8, ctx, out);
            }
        }
        for (VariableDeclarator v : ctx.own(target, VariableDeclarationExpr.class).stream()
                .flatMap(d -> d.getVariables().stream()).toList()) {
            if (v.getInitializer().isPresent() && !isConstantish(v.getInitializer().get())
                    && isIntegral(Types.normalise(v.getType()))) {
                shift(v.getInitializer().get(), "initial value", 0.8, ctx, out);
            }
        }
        for (MethodCallExpr call : ctx.own(target, MethodCallExpr.class)) {
            for (Expression arg : call.getArguments()) {
                if (!isConstantish(arg) && isIntegerValued(arg, ctx)) {
                    shift(arg, "argument", 0.6, ctx, out);
                }
            }
        }
        return out;
    }

    private static void literal(LiteralExpr lit, MutationContext ctx, List<Mutation> out) {
        if (lit.findAncestor(AnnotationExpr.class).isPresent()) {
            return;
        }
        OptionalLong parsed = value(lit);
        if (parsed.isEmpty()) {
            return;
        }
        boolean isLong = lit instanceof LongLiteralExpr;
        String suffix = isLong ? ctx.text(lit).substring(ctx.text(lit).length() - 1) : "";
        Expression node = lit;
        long v = parsed.getAsLong();
        if (lit.getParentNode().orElse(null) instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            node = u;
            v = -v;
        }
        double weight = contextWeight(node);
        if (node.getParentNode().orElse(null) instanceof BinaryExpr b && b.getRight() == node
                && (b.getOperator() == Operator.PLUS || b.getOperator() == Operator.MINUS)
                && !"String".equals(ctx.typeOf(b))) {
            long k = b.getOperator() == Operator.PLUS ? v : -v;
            for (long d : new long[]{1, -1}) {
                long k2 = k + d;
                String replacement;
                Node replaced;
                if (k2 == 0) {
                    replaced = b;
                    replacement = ctx.text(b.getLeft());
                } else if (Long.signum(k2) == Long.signum(k) && node == lit) {
                    replaced = lit;
                    replacement = Math.abs(k2) + suffix;
                } else {
                    replaced = b;
                    replacement = ctx.text(b.getLeft()) + (k2 > 0 ? " + " : " - ") + Math.abs(k2) + suffix;
                }
                out.add(ctx.mutation(replaced, replacement, "replace " + MutationContext.shorten(ctx.text(b))
                        + " with " + MutationContext.shorten(replacedText(ctx, b, replaced, replacement)), weight));
            }
            return;
        }
        for (long d : new long[]{1, -1}) {
            String replacement = (v + d) + suffix;
            out.add(ctx.mutation(node, replacement, "replace " + ctx.text(node) + " with " + replacement, weight));
        }
    }

    private static String replacedText(MutationContext ctx, BinaryExpr b, Node replaced, String replacement) {
        if (replaced == b) {
            return replacement;
        }
        int from = ctx.source().begin(b);
        return ctx.source().text(from, ctx.source().begin(replaced)) + replacement
                + ctx.source().text(ctx.source().end(replaced), ctx.source().end(b));
    }

    private static void shift(Expression e, String what, double weight, MutationContext ctx, List<Mutation> out) {
        String base = ctx.additiveOperand(e);
        for (String delta : new String[]{" + 1", " - 1"}) {
            String replacement = base + delta;
            out.add(ctx.mutation(e, replacement, "replace " + what + " " + MutationContext.shorten(ctx.text(e))
                    + " with " + MutationContext.shorten(replacement), weight));
        }
    }

    /**
     * How plausible an off-by-one is where the value sits: an index or an ordering bound most, a loop
     * initialiser, a returned value or a call argument less, an equality operand or a factor of a
     * multiplication, division, remainder or shift least ({@code year % 4 == 0} is rarely off by one).
     * For {@code x ± k} the place of the whole sum counts.
     */
    private static double contextWeight(Expression node) {
        Node at = node;
        Node parent = node.getParentNode().orElse(null);
        if (parent instanceof BinaryExpr sum && (sum.getOperator() == Operator.PLUS || sum.getOperator() == Operator.MINUS)) {
            at = sum;
            parent = sum.getParentNode().orElse(null);
        }
        if (parent instanceof ArrayAccessExpr a && a.getIndex() == at) {
            return 1.0;
        }
        if (parent instanceof BinaryExpr b) {
            return switch (b.getOperator()) {
                case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> 1.0;
                case EQUALS, NOT_EQUALS -> 0.6;
                case PLUS, MINUS -> 0.7;
                default -> 0.4;
            };
        }
        Node from = at;
        if (at.findAncestor(ForStmt.class).filter(f -> f.getInitialization().stream().anyMatch(i -> i.isAncestorOf(from)))
                .isPresent()) {
            return 0.9;
        }
        if (parent instanceof ReturnStmt) {
            return 0.8;
        }
        if (parent instanceof MethodCallExpr || parent instanceof ObjectCreationExpr) {
            return 0.7;
        }
        return 0.6;
    }

    /** A literal, {@code -literal} or {@code x ± literal}: the literal rule already covers it. */
    private static boolean isConstantish(Expression e) {
        if (e instanceof LiteralExpr) {
            return true;
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS && u.getExpression() instanceof LiteralExpr) {
            return true;
        }
        return e instanceof BinaryExpr b && (b.getOperator() == Operator.PLUS || b.getOperator() == Operator.MINUS)
                && (b.getRight() instanceof IntegerLiteralExpr || b.getRight() instanceof LongLiteralExpr);
    }

    private static boolean isIntegerValued(Expression e, MutationContext ctx) {
        if (e instanceof MethodCallExpr m && m.getArguments().isEmpty()
                && (m.getNameAsString().equals("size") || m.getNameAsString().equals("length"))) {
            return true;
        }
        if (e instanceof FieldAccessExpr f && f.getNameAsString().equals("length")) {
            return true;
        }
        String t = ctx.typeOf(e);
        return (e instanceof NameExpr || e instanceof BinaryExpr || e instanceof FieldAccessExpr)
                && ("int".equals(t) || "long".equals(t) || "Integer".equals(t));
    }

    private static boolean isIntegral(String type) {
        return "int".equals(type) || "long".equals(type) || "short".equals(type) || "byte".equals(type)
                || "Integer".equals(type) || "Long".equals(type);
    }

    static boolean isRelational(Operator op) {
        return switch (op) {
            case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS, EQUALS, NOT_EQUALS -> true;
            default -> false;
        };
    }

    private static OptionalLong value(LiteralExpr lit) {
        String t = lit instanceof IntegerLiteralExpr i ? i.getValue() : ((LongLiteralExpr) lit).getValue();
        t = t.replace("_", "");
        if (t.endsWith("L") || t.endsWith("l")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.length() > 1 && t.startsWith("0") || t.isEmpty() || t.length() > 18) {
            return OptionalLong.empty();
        }
        for (char c : t.toCharArray()) {
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(t));
    }
}
