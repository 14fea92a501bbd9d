package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.AssignExpr.Operator;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compound-assignment operator replacement: {@code +=} ↔ {@code -=}, {@code *=} ↔ {@code /=}, a compound
 * assignment turned into a plain one and back (a lost or spurious accumulation), and increment ↔
 * decrement ({@code i++} ↔ {@code i--}).
 */
public final class CompoundAssignmentReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "compound-assignment-replacement";

    private static final OperatorTable<Operator> TABLE = new OperatorTable<Operator>()
            .row(Operator.PLUS, Operator.MINUS, 1.0, Operator.MULTIPLY, 0.6, Operator.ASSIGN, 0.5)
            .row(Operator.MINUS, Operator.PLUS, 1.0, Operator.ASSIGN, 0.5, Operator.DIVIDE, 0.2)
            .row(Operator.MULTIPLY, Operator.DIVIDE, 1.0, Operator.PLUS, 0.4, Operator.ASSIGN, 0.4)
            .row(Operator.DIVIDE, Operator.MULTIPLY, 1.0, Operator.REMAINDER, 0.4, Operator.ASSIGN, 0.3)
            .row(Operator.REMAINDER, Operator.DIVIDE, 0.6, Operator.ASSIGN, 0.3)
            .row(Operator.BINARY_AND, Operator.BINARY_OR, 0.8, Operator.XOR, 0.5, Operator.ASSIGN, 0.3)
            .row(Operator.BINARY_OR, Operator.BINARY_AND, 0.8, Operator.XOR, 0.5, Operator.ASSIGN, 0.3)
            .row(Operator.XOR, Operator.BINARY_AND, 0.6, Operator.BINARY_OR, 0.6, Operator.ASSIGN, 0.3)
            .row(Operator.LEFT_SHIFT, Operator.SIGNED_RIGHT_SHIFT, 0.7)
            .row(Operator.SIGNED_RIGHT_SHIFT, Operator.UNSIGNED_RIGHT_SHIFT, 0.7, Operator.LEFT_SHIFT, 0.5)
            .row(Operator.UNSIGNED_RIGHT_SHIFT, Operator.SIGNED_RIGHT_SHIFT, 0.7);

    /** Plain assignment of a number or string: maybe an accumulation was meant. */
    private static final OperatorTable<Operator> FROM_ASSIGN = new OperatorTable<Operator>()
            .row(Operator.ASSIGN, Operator.PLUS, 0.3, Operator.MINUS, 0.2);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (AssignExpr a : ctx.own(target, AssignExpr.class)) {
            Map<Operator, Double> alternatives;
            if (a.getOperator() == Operator.ASSIGN) {
                String type = ctx.typeOf(a.getTarget());
                if (!Types.isNumeric(type)) {
                    continue;
                }
                alternatives = FROM_ASSIGN.alternatives(Operator.ASSIGN);
            } else {
                alternatives = TABLE.alternatives(a.getOperator());
            }
            String from = a.getOperator().asString();
            ctx.operatorBetween(a.getTarget(), a.getValue(), from).ifPresent(op -> alternatives.forEach((to, w) ->
                    out.add(new Mutation("replace " + from + " with " + to.asString(),
                            List.of(new TextEdit(op.begin(), op.end(), to.asString())), w))));
        }
        for (UnaryExpr u : ctx.own(target, UnaryExpr.class)) {
            String from = u.getOperator().asString();
            if (!from.equals("++") && !from.equals("--")) {
                continue;
            }
            String to = from.equals("++") ? "--" : "++";
            int begin = ctx.source().begin(u);
            int end = ctx.source().end(u);
            int at = u.getOperator().isPostfix() ? end - 2 : begin;
            if (!ctx.source().text(at, at + 2).equals(from)) {
                continue;
            }
            out.add(new Mutation("replace " + ctx.text(u) + " with " + ctx.source().text(begin, at) + to
                    + ctx.source().text(at + 2, end), List.of(new TextEdit(at, at + 2, to)), 1.0));
        }
        return out;
    }
}
