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
 * Arithmetic operator replacement (AOR): {@code + - * / %} replaced by another arithmetic operator,
 * and the shifts {@code << >> >>>} by another shift. {@code +} ↔ {@code -} and {@code *} ↔ {@code /}
 * weigh most, then {@code /} ↔ {@code %}. A {@code +} that concatenates strings is left alone. A bitwise
 * {@code |} or {@code ^} between integral operands written where a sum was meant becomes {@code +} (bitwise and
 * arithmetic operators confused; {@code &}/{@code |}/{@code ^} among themselves are {@link LogicalOperatorReplacement}'s).
 */
public final class ArithmeticOperatorReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "arithmetic-operator-replacement";

    private static final OperatorTable<Operator> TABLE = new OperatorTable<Operator>()
            .row(Operator.PLUS, Operator.MINUS, 1.0, Operator.MULTIPLY, 0.4, Operator.DIVIDE, 0.2, Operator.REMAINDER, 0.1)
            .row(Operator.MINUS, Operator.PLUS, 1.0, Operator.MULTIPLY, 0.3, Operator.DIVIDE, 0.2, Operator.REMAINDER, 0.1)
            .row(Operator.MULTIPLY, Operator.DIVIDE, 1.0, Operator.PLUS, 0.4, Operator.MINUS, 0.3, Operator.REMAINDER, 0.2)
            .row(Operator.DIVIDE, Operator.MULTIPLY, 1.0, Operator.REMAINDER, 0.9, Operator.PLUS, 0.2, Operator.MINUS, 0.2)
            .row(Operator.REMAINDER, Operator.DIVIDE, 0.9, Operator.MULTIPLY, 0.3, Operator.MINUS, 0.2)
            .row(Operator.LEFT_SHIFT, Operator.SIGNED_RIGHT_SHIFT, 0.7, Operator.UNSIGNED_RIGHT_SHIFT, 0.4)
            .row(Operator.SIGNED_RIGHT_SHIFT, Operator.UNSIGNED_RIGHT_SHIFT, 0.8, Operator.LEFT_SHIFT, 0.5)
            .row(Operator.UNSIGNED_RIGHT_SHIFT, Operator.SIGNED_RIGHT_SHIFT, 0.8, Operator.LEFT_SHIFT, 0.4)
            .row(Operator.BINARY_OR, Operator.PLUS, 0.5)
            .row(Operator.XOR, Operator.PLUS, 0.4);
    /** Integral types, whose {@code |} and {@code ^} are bitwise (on booleans they are logical). */
    private static final java.util.Set<String> INTEGRAL = java.util.Set.of("int", "long", "short", "byte", "char",
            "Integer", "Long", "Short", "Byte", "Character");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (BinaryExpr b : ctx.own(target, BinaryExpr.class)) {
            if (!TABLE.handles(b.getOperator())) {
                continue;
            }
            if (b.getOperator() == Operator.PLUS && "String".equals(ctx.typeOf(b))) {
                continue;
            }
            if ((b.getOperator() == Operator.BINARY_OR || b.getOperator() == Operator.XOR)
                    && !(INTEGRAL.contains(ctx.typeOf(b.getLeft())) && INTEGRAL.contains(ctx.typeOf(b.getRight())))) {
                continue;
            }
            for (Map.Entry<Operator, Double> alt : TABLE.alternatives(b.getOperator()).entrySet()) {
                BinaryOperatorSupport.replaceOperator(b, alt.getKey(), alt.getValue(), ctx).ifPresent(out::add);
            }
        }
        return out;
    }
}
