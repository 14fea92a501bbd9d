package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Condition negation: the condition of an {@code if}, a loop or a {@code ?:} becomes its negation
 * ({@code if (c)} → {@code if (!(c))}; an existing {@code !} is removed instead). Negating a loop
 * condition weighs less: it mostly makes a loop run never or forever.
 */
public final class ConditionNegation implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "condition-negation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (Conditions.Condition c : Conditions.of(target, ctx)) {
            if (c.expression() instanceof BooleanLiteralExpr) {
                continue;
            }
            String negated = ctx.negation(c.expression());
            double weight = switch (c.kind()) {
                case IF -> 1.0;
                case TERNARY, RETURN -> 0.8;
                case LOOP -> 0.4;
            };
            out.add(ctx.mutation(c.expression(), negated, "negate condition " + MutationContext.shorten(ctx.text(c.expression()))
                    + " to " + MutationContext.shorten(negated), weight));
        }
        return out;
    }
}
