package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Swapped operands of a non-commutative operator: {@code a - b} → {@code b - a}, likewise {@code /},
 * {@code %}, the shifts, string concatenation ({@code s + c} → {@code c + s}: append vs prepend) and the
 * orderings {@code < <= > >=} (an ordering swapped is the mirrored operator, which
 * {@link RelationalOperatorReplacement} already proposes, so those weigh little). Subtraction weighs most
 * (comparators, differences), then concatenation, division and remainder. The moved left operand is
 * parenthesised when it would otherwise bind differently ({@code a - b - c} → {@code c - (a - b)}).
 */
public final class SwappedOperands implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "swapped-operands";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (BinaryExpr b : ctx.own(target, BinaryExpr.class)) {
            double weight = weight(b, ctx);
            if (weight <= 0) {
                continue;
            }
            String left = ctx.text(b.getLeft());
            String right = ctx.text(b.getRight());
            if (left.equals(right)) {
                continue;
            }
            // the right operand binds tighter than the operator already (or is parenthesised); the left one may
            // bind as tightly (left associativity) and then needs parentheses on the right
            String newRight = b.getLeft() instanceof BinaryExpr l && precedence(l.getOperator()) <= precedence(b.getOperator())
                    ? "(" + left + ")" : left;
            String newLeft = right;
            out.add(new Mutation("swap operands of " + b.getOperator().asString() + ": " + MutationContext.shorten(newLeft)
                    + " " + b.getOperator().asString() + " " + MutationContext.shorten(newRight),
                    List.of(ctx.replace(b.getLeft(), newLeft), ctx.replace(b.getRight(), newRight)), weight));
        }
        return out;
    }

    private static double weight(BinaryExpr b, MutationContext ctx) {
        return switch (b.getOperator()) {
            case MINUS -> 1.0;
            case PLUS -> "String".equals(ctx.typeOf(b)) ? 0.9 : 0;
            case DIVIDE -> 0.8;
            case REMAINDER -> 0.6;
            case LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> 0.3;
            case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> 0.2;
            default -> 0;
        };
    }

    static int precedence(Operator op) {
        return switch (op) {
            case OR -> 1;
            case AND -> 2;
            case BINARY_OR -> 3;
            case XOR -> 4;
            case BINARY_AND -> 5;
            case EQUALS, NOT_EQUALS -> 6;
            case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> 7;
            case LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> 8;
            case PLUS, MINUS -> 9;
            case MULTIPLY, DIVIDE, REMAINDER -> 10;
        };
    }
}
