package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.EnclosedExpr;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Logical operator replacement (LOR): {@code &&} ↔ {@code ||}, and among the bitwise / non-short-circuit
 * operators {@code & | ^}. When the replaced operator sits in parentheses that become redundant
 * ({@code a && (b || c)} → {@code a && b && c}), the parentheses go too, as a person would write it.
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
                BinaryOperatorSupport.replaceOperator(b, alt.getKey(), alt.getValue(), ctx)
                        .map(m -> dropRedundantParentheses(b, alt.getKey(), m, ctx))
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@code x && (a || b)} with {@code ||} → {@code &&}: the parentheses no longer group anything. */
    private static Mutation dropRedundantParentheses(BinaryExpr b, Operator to, Mutation m, MutationContext ctx) {
        if ((to != Operator.AND && to != Operator.OR)
                || !(b.getParentNode().orElse(null) instanceof EnclosedExpr enclosed)
                || !(enclosed.getParentNode().orElse(null) instanceof BinaryExpr outer)
                || outer.getOperator() != to) {
            return m;
        }
        List<TextEdit> edits = new ArrayList<>(m.edits());
        int open = ctx.source().begin(enclosed);
        int close = ctx.source().end(enclosed) - 1;
        edits.add(new TextEdit(open, open + 1, ""));
        edits.add(new TextEdit(close, close + 1, ""));
        return new Mutation(m.description() + " and drop the parentheses", edits, m.weight());
    }
}
