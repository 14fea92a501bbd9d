package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithArguments;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wrong value in a return statement or a call argument, replaced by a variable: where
 * {@link VariableReplacement} swaps one variable for another, this pattern covers the positions that
 * hold no plain variable — a literal, a call, a field read, arithmetic — and puts an in-scope variable
 * there whose declared type fits: the method's declared return type for {@code return} (same type or a
 * widening primitive conversion: {@code return 1;} → {@code return n;} in a {@code long} method with an
 * {@code int n}), the guessed type of the argument for a call. Literals weigh more than computed values
 * (a computed value is more often right); k alternatives share 1/√k, fields weigh 0.8 of a local.
 * Variables the replaced expression already reads are skipped for arguments (an argument {@code i + 1}
 * rarely means {@code i}; {@link OffByOne} covers that).
 */
public final class ExpressionVariableReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "expression-variable-replacement";

    /** At most this many variables per replaced expression. */
    static final int MAX_ALTERNATIVES = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        if (target instanceof ReturnStmt ret && ret.getExpression().isPresent()) {
            Expression e = ret.getExpression().get();
            ctx.enclosingReturnType(ret).map(Types::normalise).ifPresent(type -> {
                if (replaceable(e)) {
                    replace(e, type, "return", e instanceof LiteralExpr || isNegativeLiteral(e) ? 1.0 : 0.7, false, ctx, out);
                }
            });
        }
        List<Expression> calls = new ArrayList<>();
        calls.addAll(ctx.own(target, MethodCallExpr.class));
        calls.addAll(ctx.own(target, ObjectCreationExpr.class));
        calls.sort((a, b) -> Integer.compare(ctx.source().begin(a), ctx.source().begin(b)));
        for (Expression call : calls) {
            NodeList<Expression> args = ((NodeWithArguments<?>) call).getArguments();
            for (Expression arg : args) {
                if (!replaceable(arg) || arg instanceof NullLiteralExpr || arg instanceof StringLiteralExpr) {
                    continue;
                }
                String type = ctx.typeOf(arg);
                if (type != null) {
                    replace(arg, type, "argument", arg instanceof LiteralExpr || isNegativeLiteral(arg) ? 0.7 : 0.5, true, ctx, out);
                }
            }
        }
        return out;
    }

    private static void replace(Expression e, String type, String where, double base, boolean skipUsed,
                                MutationContext ctx, List<Mutation> out) {
        Map<String, Variable> scope = ctx.scope(e);
        boolean isStatic = MutationContext.inStaticContext(e);
        var used = MutationContext.namesUsed(e);
        List<Variable> alternatives = new ArrayList<>();
        for (Variable v : scope.values()) {
            if (alternatives.size() >= MAX_ALTERNATIVES) {
                break;
            }
            if (!Types.assignable(v.type(), type) || skipUsed && used.contains(v.name())
                    || v.kind() == Variable.Kind.FIELD && isStatic && !v.isStatic()
                    || ctx.text(e).equals(v.name())) {
                continue;
            }
            alternatives.add(v);
        }
        double spread = 1 / Math.sqrt(Math.max(1, alternatives.size()));
        for (Variable v : alternatives) {
            double weight = base * spread * (v.kind() == Variable.Kind.FIELD ? 0.8 : 1.0);
            out.add(ctx.mutation(e, v.name(), "replace " + where + " value " + MutationContext.shorten(ctx.text(e))
                    + " with variable " + v.name(), weight));
        }
    }

    private static boolean replaceable(Expression e) {
        return !(e instanceof NameExpr || e instanceof LambdaExpr || e instanceof MethodReferenceExpr
                || e instanceof ClassExpr);
    }

    private static boolean isNegativeLiteral(Expression e) {
        return e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS && u.getExpression() instanceof LiteralExpr;
    }
}
