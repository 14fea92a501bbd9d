package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.expr.BinaryExpr;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;

import java.util.List;
import java.util.Optional;

/** Builds the mutation that replaces only the operator token of a binary expression. */
final class BinaryOperatorSupport {

    private BinaryOperatorSupport() {
    }

    static Optional<Mutation> replaceOperator(BinaryExpr b, BinaryExpr.Operator to, double weight, MutationContext ctx) {
        String from = b.getOperator().asString();
        return ctx.operatorBetween(b.getLeft(), b.getRight(), from)
                .map(op -> new Mutation("replace " + from + " with " + to.asString(),
                        List.of(new TextEdit(op.begin(), op.end(), to.asString())), weight));
    }
}
