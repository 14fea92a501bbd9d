package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A moved statement: the statement exchanges places with the next one (or, weighing less, with the
 * previous one) of the same block — an update done too early or too late ({@code i++; a[i] = x;} for
 * {@code a[i] = x; i++;}). Jumps ({@code return}, {@code break}, {@code continue}, {@code throw}) are not
 * moved, nor a declaration past a statement that uses the variable it declares.
 */
public final class StatementSwap implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "statement-swap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt) || !MutationContext.inStatementList(stmt) || !movable(stmt)) {
            return List.of();
        }
        List<Statement> siblings = MutationContext.siblings(stmt);
        int at = siblings.indexOf(stmt);
        List<Mutation> out = new ArrayList<>();
        if (at + 1 < siblings.size()) {
            swap(stmt, siblings.get(at + 1), "next", 1.0, ctx).ifPresent(out::add);
        }
        if (at > 0) {
            swap(siblings.get(at - 1), stmt, "previous", 0.7, ctx).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Mutation> swap(Statement first, Statement second, String which, double weight,
                                                     MutationContext ctx) {
        if (!movable(first) || !movable(second) || declaresUsed(first, second)) {
            return Optional.empty();
        }
        String a = ctx.text(first);
        String b = ctx.text(second);
        if (a.equals(b)) {
            return Optional.empty();
        }
        return Optional.of(new Mutation("move " + MutationContext.shorten(a.lines().findFirst().orElse(""))
                + " after " + MutationContext.shorten(b.lines().findFirst().orElse("")) + " (swap with " + which + ")",
                List.of(ctx.replace(first, b), ctx.replace(second, a)), weight));
    }

    private static boolean movable(Statement s) {
        return !IncrementInsertion.isJump(s) && !(s instanceof LabeledStmt) && !(s instanceof LocalClassDeclarationStmt)
                && !(s instanceof LocalRecordDeclarationStmt) && !(s instanceof ExplicitConstructorInvocationStmt);
    }

    /** True when {@code first} declares a variable that {@code second} uses (moving it after would not compile). */
    private static boolean declaresUsed(Statement first, Statement second) {
        Set<String> used = MutationContext.namesUsed(second);
        return first.findAll(VariableDeclarator.class).stream()
                .anyMatch(v -> MutationContext.ownedBy(v, first) && used.contains(v.getNameAsString()));
    }
}
