package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;

import java.util.List;

/**
 * A spurious {@code else}: an {@code else if} that should be an {@code if} of its own, tested even when the
 * {@code if} before it was taken ({@code if (x > max) max = x; else if (x < min) min = x;} misses the minimum when the
 * first element is both). The inverse of {@link ElseInsertion}; never when the {@code if} before always returns,
 * throws, breaks or continues (the {@code else} then changes nothing).
 */
public final class ElseRemoval implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "else-removal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof IfStmt here) || !(here.getParentNode().orElse(null) instanceof IfStmt parent)
                || parent.getElseStmt().orElse(null) != here || ElseInsertion.jumps(parent.getThenStmt())) {
            return List.of();
        }
        int ifAt = ctx.source().begin(here);
        String before = ctx.source().text(ctx.source().end(parent.getThenStmt()), ifAt);
        int elseAt = before.lastIndexOf("else");
        if (elseAt < 0) {
            return List.of();
        }
        int from = ctx.source().end(parent.getThenStmt()) + elseAt;
        return List.of(new Mutation("if (" + MutationContext.shorten(ctx.text(here.getCondition())) + ") instead of else if",
                List.of(new TextEdit(from, ifAt, "")), 0.5));
    }
}
