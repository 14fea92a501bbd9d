package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.SourceFile;
import dev.pavu.actuator.proposer.TextEdit;

import java.util.List;

/**
 * Statement deletion: remove an expression statement, an {@code if} (with its branches), a loop, a
 * {@code break} / {@code continue} / {@code throw}, or a value-less {@code return}. A statement alone on
 * its lines is removed with its lines; a statement that is the body of an {@code if} or loop without
 * braces becomes {@code {}}. Declarations are never deleted. Low prior: a deletion often passes tests by
 * removing behaviour (plausible but overfitting).
 */
public final class StatementDeletion implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "statement-deletion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt) || !deletable(stmt)) {
            return List.of();
        }
        double weight = stmt instanceof ExpressionStmt ? 1.0
                : stmt instanceof IfStmt || stmt instanceof BreakStmt || stmt instanceof ContinueStmt ? 0.8 : 0.5;
        String what = MutationContext.shorten(ctx.text(stmt).lines().findFirst().orElse(""));
        String description = "delete " + what;
        Node parent = stmt.getParentNode().orElse(null);
        if (!(parent instanceof BlockStmt || parent instanceof SwitchEntry)) {
            return List.of(ctx.mutation(stmt, "{}", description, weight));
        }
        return List.of(new Mutation(description, List.of(deletion(stmt, ctx.source())), weight));
    }

    private static boolean deletable(Statement s) {
        if (s instanceof ExpressionStmt es) {
            return !(es.getExpression() instanceof VariableDeclarationExpr);
        }
        if (s instanceof ReturnStmt r) {
            return r.getExpression().isEmpty();
        }
        return s instanceof IfStmt || s instanceof BreakStmt || s instanceof ContinueStmt || s instanceof ThrowStmt
                || s instanceof ForStmt || s instanceof ForEachStmt || s instanceof WhileStmt || s instanceof DoStmt;
    }

    /** Removes whole lines when the statement is alone on them, otherwise just its text. */
    private static TextEdit deletion(Statement stmt, SourceFile src) {
        int begin = src.begin(stmt);
        int end = src.end(stmt);
        int firstLine = src.lineOf(begin);
        int lastLine = src.lineOf(Math.max(begin, end - 1));
        boolean aloneBefore = src.text(src.lineStart(firstLine), begin).isBlank();
        String after = src.line(lastLine).substring(end - src.lineStart(lastLine));
        boolean aloneAfter = after.isBlank() || after.strip().startsWith("//");
        if (aloneBefore && aloneAfter) {
            return new TextEdit(src.lineStart(firstLine), src.nextLineStart(lastLine), "");
        }
        return new TextEdit(begin, end, "");
    }
}
