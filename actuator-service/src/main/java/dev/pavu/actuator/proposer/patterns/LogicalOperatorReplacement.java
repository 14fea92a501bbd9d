package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Logical operator replacement (LOR): {@code &&} ↔ {@code ||}, and among the bitwise / non-short-circuit
 * operators {@code & | ^}.
 */
public final class LogicalOperatorReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "logical-operator-replacement";

    private static final OperatorTable<Operator> TABLE = new OperatorTable<Operator>()
            .row(Operator.AND, Operator.OR, 1.0)
            .row(Operator.OR, Operator.AND, 1.0)
            .row(Operator.BINARY_AND, Operator.BINARY_OR, 0.8, Operator.XOR, 0.4)
            .row(Operator.BINARY_OR, Operator.BINARY_AND, 0.8, Operator.XOR, 0.5)
            .row(Operator.XOR, Operator.BINARY_OR, 0.6, Operator.BINARY_AND, 0.4);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (BinaryExpr b : ctx.own(target, BinaryExpr.class)) {
            for (Map.Entry<Operator, Double> alt : TABLE.alternatives(b.getOperator()).entrySet()) {
                BinaryOperatorSupport.replaceOperator(b, alt.getKey(), alt.getValue(), ctx).ifPresent(out::add);
            }
        }
        return out;
    }
}
