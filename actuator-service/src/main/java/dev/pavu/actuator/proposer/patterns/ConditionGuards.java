package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ingredients of the condition-widening and -narrowing patterns: the boolean conditions a target owns
 * (of {@code if}, loops, {@code ?:} and the value of a {@code return} in a boolean method) and the
 * sub-conditions built from what is in scope there: null checks of the variables the condition
 * dereferences, sentinel checks of its numeric operands against the file's constants, index bounds of
 * its array reads, and the boolean variables in scope.
 */
final class ConditionGuards {

    /** At most this many boolean variables are tried as flags. */
    static final int MAX_FLAGS = 4;

    private ConditionGuards() {
    }

    /**
     * @param cond a condition
     * @param ctx  the mutation context
     * @return the reference variables it dereferences ({@code x.m()}, {@code x.f}, {@code x[i]}) and that may be
     *         null ({@link NullSafety}), in source order
     */
    static Set<String> dereferenced(Expression cond, MutationContext ctx) {
        Set<String> names = new LinkedHashSet<>();
        for (Expression e : cond.findAll(Expression.class)) {
            Expression scope = null;
            if (e instanceof MethodCallExpr m && m.getScope().isPresent()) {
                scope = m.getScope().get();
            } else if (e instanceof FieldAccessExpr f) {
                scope = f.getScope();
            } else if (e instanceof ArrayAccessExpr a) {
                scope = a.getName();
            }
            if (scope instanceof NameExpr n) {
                Variable v = ctx.scope(n).get(n.getNameAsString());
                if (v != null && !v.isPrimitive() && !NullSafety.definitelyNonNull(n.getNameAsString(), n, ctx)) {
                    names.add(n.getNameAsString());
                }
            }
        }
        return names;
    }

    /**
     * A guard and how likely it is.
     *
     * @param text   e.g. {@code dist[u] != INFINITY}
     * @param weight in (0, 1]
     */
    record Guard(String text, double weight) {
    }

    /**
     * A numeric operand of an addition, subtraction or multiplication in the condition, checked against
     * a {@code static final} constant of the same type declared in the file ({@code dist[u] != INFINITY}):
     * a sentinel value must not flow into arithmetic. Likelier when the method uses the constant
     * elsewhere (it fills or compares with the sentinel).
     *
     * @return guards such as {@code dist[u] != INFINITY}, in source order
     */
    static List<Guard> sentinelChecks(Expression cond, MutationContext ctx) {
        Map<String, String> constants = constants(ctx);
        List<Guard> out = new ArrayList<>();
        Set<String> usedByMethod = ctx.enclosingCallable(cond).map(MutationContext::namesUsed).orElse(Set.of());
        if (constants.isEmpty()) {
            return out;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (BinaryExpr b : cond.findAll(BinaryExpr.class)) {
            if (b.getOperator() != Operator.PLUS && b.getOperator() != Operator.MINUS && b.getOperator() != Operator.MULTIPLY) {
                continue;
            }
            for (Expression operand : List.of(b.getLeft(), b.getRight())) {
                if (!(operand instanceof NameExpr || operand instanceof ArrayAccessExpr || operand instanceof FieldAccessExpr)) {
                    continue;
                }
                String type = ctx.typeOf(operand);
                if (type == null || !Types.isNumeric(type)) {
                    continue;
                }
                for (Map.Entry<String, String> c : constants.entrySet()) {
                    String text = ctx.text(operand);
                    if (c.getValue().equals(type) && !text.equals(c.getKey()) && !ctx.text(cond).contains(c.getKey())
                            && seen.add(text + " != " + c.getKey())) {
                        out.add(new Guard(text + " != " + c.getKey(), usedByMethod.contains(c.getKey()) ? 1.0 : 0.6));
                    }
                }
            }
        }
        return out;
    }

    /**
     * @return index guards of the condition's array reads with a variable index: {@code i < a.length},
     *         skipped when the condition already holds that comparison
     */
    static List<String> indexChecks(Expression cond, MutationContext ctx) {
        List<String> out = new ArrayList<>();
        String text = ctx.text(cond);
        for (ArrayAccessExpr a : cond.findAll(ArrayAccessExpr.class)) {
            if (a.getIndex() instanceof NameExpr i && a.getName() instanceof NameExpr) {
                String bound = i.getNameAsString() + " < " + ctx.text(a.getName()) + ".length";
                if (!text.contains(bound) && !out.contains(bound)) {
                    out.add(bound);
                }
            }
        }
        return out;
    }

    /**
     * @return the boolean variables in scope at the condition that it does not use yet, innermost first
     */
    static List<String> flags(Expression cond, MutationContext ctx) {
        Set<String> used = MutationContext.namesUsed(cond);
        List<String> out = new ArrayList<>();
        for (Variable v : ctx.scope(cond).values()) {
            if ("boolean".equals(v.type()) && !used.contains(v.name()) && out.size() < MAX_FLAGS
                    && !(v.kind() == Variable.Kind.FIELD && MutationContext.inStaticContext(cond) && !v.isStatic())) {
                out.add(v.name());
            }
        }
        return out;
    }

    /** Static final fields of primitive type declared anywhere in the file: name → type. */
    static Map<String, String> constants(MutationContext ctx) {
        return ctx.memo("constants", () -> findConstants(ctx));
    }

    private static Map<String, String> findConstants(MutationContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldDeclaration f : ctx.unit().findAll(FieldDeclaration.class, f -> f.isStatic() && f.isFinal())) {
            for (VariableDeclarator v : f.getVariables()) {
                String type = Types.normalise(v.getType());
                if (Types.isPrimitive(type)) {
                    out.putIfAbsent(v.getNameAsString(), type);
                }
            }
        }
        return out;
    }

    /**
     * The conditions of {@link Conditions#of} and, in a method returning {@code boolean}, a returned
     * expression that is not a literal.
     */
    static List<Conditions.Condition> of(Node target, MutationContext ctx) {
        List<Conditions.Condition> out = new ArrayList<>(Conditions.of(target, ctx));
        if (target instanceof ReturnStmt r && r.getExpression().isPresent()
                && !(r.getExpression().get() instanceof BooleanLiteralExpr)
                && ctx.enclosingReturnType(r).map(t -> Types.isBoolean(Types.normalise(t))).orElse(false)) {
            out.add(new Conditions.Condition(r.getExpression().get(), Conditions.Kind.RETURN));
        }
        return out;
    }

    /**
     * @param cond a condition
     * @param op   the operator that will join it with a new operand
     * @return its text, parenthesised when it binds less tightly than {@code op}
     */
    static String operand(Expression cond, Operator op, MutationContext ctx) {
        boolean loose = cond instanceof ConditionalExpr || cond instanceof AssignExpr || cond instanceof LambdaExpr
                || op == Operator.AND && cond instanceof BinaryExpr b && b.getOperator() == Operator.OR;
        return loose ? "(" + ctx.text(cond) + ")" : ctx.text(cond);
    }
}
