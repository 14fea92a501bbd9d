package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.List;
import java.util.Optional;

/**
 * Missing {@code break}: inserted after the last statement of a {@code case} that falls through into the
 * next one (the classic switch fall-through), or after a statement inside a loop — most when the
 * statement runs under an {@code if} (a search that should stop at the first hit: {@code found = i;
 * break;}), little when it runs on every iteration. Only after the last statement of a block (anything
 * after a {@code break} would be unreachable); never after a jump, or where a {@code break} would leave a
 * {@code switch} instead of the loop.
 */
public final class BreakInsertion implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "break-insertion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt) || !MutationContext.inStatementList(stmt) || IncrementInsertion.isJump(stmt)
                || stmt instanceof YieldStmt) {
            return List.of();
        }
        List<Statement> siblings = MutationContext.siblings(stmt);
        int at = siblings.indexOf(stmt);
        if (at + 1 < siblings.size() && siblings.get(at + 1) instanceof BreakStmt) {
            return List.of();
        }
        Node parent = stmt.getParentNode().orElseThrow();
        if (parent instanceof SwitchEntry entry) {
            if (entry.getType() != SwitchEntry.Type.STATEMENT_GROUP || at != siblings.size() - 1
                    || !(entry.getParentNode().orElse(null) instanceof SwitchStmt sw)) {
                return List.of();
            }
            NodeList<SwitchEntry> entries = sw.getEntries();
            if (entries.indexOf(entry) == entries.size() - 1) {
                return List.of();
            }
            return List.of(new Mutation("insert break; (case falls through)", List.of(ctx.insertAfter(stmt, "break;")), 1.0));
        }
        Optional<Statement> loop = MutationContext.enclosingLoop(stmt);
        if (loop.isEmpty() || insideSwitchWithin(stmt, loop.get())) {
            return List.of();
        }
        if (at != siblings.size() - 1) {
            return List.of(); // statements after a break would be unreachable: no compile
        }
        double weight = underIf(stmt, loop.get()) ? 0.9 : 0.2;
        return List.of(new Mutation("insert break; (leave the loop)", List.of(ctx.insertAfter(stmt, "break;")), weight));
    }

    static boolean underIf(Node stmt, Node loop) {
        for (Node n = stmt.getParentNode().orElse(null); n != null && n != loop; n = n.getParentNode().orElse(null)) {
            if (n instanceof IfStmt) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideSwitchWithin(Node stmt, Node loop) {
        for (Node n = stmt.getParentNode().orElse(null); n != null && n != loop; n = n.getParentNode().orElse(null)) {
            if (n instanceof SwitchStmt) {
                return true;
            }
        }
        return false;
    }
}
