package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;

import java.util.ArrayList;
import java.util.List;

/**
 * Missing {@code else}: two {@code if} statements in a row that should exclude each other. When both branches can
 * run (the first one's body changes what the second one tests, or both add to the same result) the second runs
 * too often: {@code if (isUpperCase(c)) {…} if (isLowerCase(c)) {…}} → {@code … else if (isLowerCase(c)) {…}}.
 * At a target {@code if} it chains it to the {@code if} (or {@code if / else if} chain without a final
 * {@code else}) just before it, and the next {@code if} to it. Never when the first {@code if}'s branch always
 * ends in {@code return}, {@code throw}, {@code break} or {@code continue}: there the {@code else} changes nothing.
 */
public final class ElseInsertion implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "else-insertion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof IfStmt here) || !MutationContext.inStatementList(here)) {
            return List.of();
        }
        List<Statement> siblings = MutationContext.siblings(here);
        int at = indexOf(siblings, here);
        List<Mutation> out = new ArrayList<>();
        if (at > 0 && chainable(siblings.get(at - 1))) {
            out.add(chain(here, ctx, 0.6));
        }
        if (at >= 0 && at + 1 < siblings.size() && siblings.get(at + 1) instanceof IfStmt next && chainable(here)) {
            out.add(chain(next, ctx, 0.4));
        }
        return out;
    }

    private static Mutation chain(IfStmt second, MutationContext ctx, double weight) {
        return new Mutation("else if (" + MutationContext.shorten(ctx.text(second.getCondition())) + ") instead of a second if",
                List.of(TextEdit.insert(ctx.source().begin(second), "else ")), weight);
    }

    /** An {@code if} whose last branch has no {@code else} and does not always leave the block. */
    private static boolean chainable(Statement s) {
        if (!(s instanceof IfStmt first)) {
            return false;
        }
        IfStmt last = first;
        while (last.getElseStmt().isPresent()) {
            if (!(last.getElseStmt().get() instanceof IfStmt elseIf)) {
                return false;
            }
            last = elseIf;
        }
        return !jumps(last.getThenStmt());
    }

    /** @return whether the branch always ends in {@code return}, {@code throw}, {@code break} or {@code continue} */
    static boolean jumps(Statement s) {
        Statement end = s;
        if (s.isBlockStmt()) {
            if (s.asBlockStmt().getStatements().isEmpty()) {
                return false;
            }
            end = s.asBlockStmt().getStatements().get(s.asBlockStmt().getStatements().size() - 1);
        }
        return end.isReturnStmt() || end.isThrowStmt() || end.isBreakStmt() || end.isContinueStmt();
    }

    private static int indexOf(List<Statement> list, Statement s) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == s) {
                return i;
            }
        }
        return -1;
    }
}
