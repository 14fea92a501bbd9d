package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Relational operator replacement (ROR): {@code < <= > >= == !=} replaced by another comparison.
 * The boundary shift ({@code <} ↔ {@code <=}, {@code >} ↔ {@code >=}) and {@code ==} ↔ {@code !=}
 * weigh most; ordering comparisons replace {@code ==}/{@code !=} only between numbers.
 */
public final class RelationalOperatorReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "relational-operator-replacement";

    private static final OperatorTable<Operator> TABLE = new OperatorTable<Operator>()
            .row(Operator.LESS, Operator.LESS_EQUALS, 1.0, Operator.NOT_EQUALS, 0.6, Operator.GREATER, 0.5,
                    Operator.GREATER_EQUALS, 0.4, Operator.EQUALS, 0.3)
            .row(Operator.LESS_EQUALS, Operator.LESS, 1.0, Operator.GREATER_EQUALS, 0.5, Operator.GREATER, 0.4,
                    Operator.EQUALS, 0.4, Operator.NOT_EQUALS, 0.3)
            .row(Operator.GREATER, Operator.GREATER_EQUALS, 1.0, Operator.NOT_EQUALS, 0.6, Operator.LESS, 0.5,
                    Operator.LESS_EQUALS, 0.4, Operator.EQUALS, 0.3)
            .row(Operator.GREATER_EQUALS, Operator.GREATER, 1.0, Operator.LESS_EQUALS, 0.5, Operator.LESS, 0.4,
                    Operator.EQUALS, 0.4, Operator.NOT_EQUALS, 0.3)
            .row(Operator.EQUALS, Operator.NOT_EQUALS, 1.0, Operator.LESS_EQUALS, 0.3, Operator.GREATER_EQUALS, 0.3)
            .row(Operator.NOT_EQUALS, Operator.EQUALS, 1.0, Operator.LESS, 0.3, Operator.GREATER, 0.3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (BinaryExpr b : ctx.own(target, BinaryExpr.class)) {
            Operator op = b.getOperator();
            if (!TABLE.handles(op)) {
                continue;
            }
            boolean equality = op == Operator.EQUALS || op == Operator.NOT_EQUALS;
            boolean numeric = !equality || numeric(b.getLeft(), ctx) && numeric(b.getRight(), ctx);
            for (Map.Entry<Operator, Double> alt : TABLE.alternatives(op).entrySet()) {
                boolean ordering = alt.getKey() != Operator.EQUALS && alt.getKey() != Operator.NOT_EQUALS;
                if (equality && ordering && !numeric) {
                    continue;
                }
                BinaryOperatorSupport.replaceOperator(b, alt.getKey(), alt.getValue(), ctx).ifPresent(out::add);
            }
        }
        return out;
    }

    private static boolean numeric(Expression e, MutationContext ctx) {
        if (e instanceof NullLiteralExpr || e instanceof BooleanLiteralExpr) {
            return false;
        }
        return Types.isNumeric(ctx.typeOf(e));
    }
}
