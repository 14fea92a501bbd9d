package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.Type;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.List;
import java.util.Optional;

/**
 * Missing {@code return}: where a loop assigns a found value to a variable ({@code found = i;}), return
 * it at once ({@code return found;}) when the method's declared return type accepts it. Only after the
 * last statement of a block (anything after it would be unreachable). Most likely when the assignment
 * runs under an {@code if} inside the loop (a search), little otherwise.
 */
public final class ReturnInsertion implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "return-insertion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof ExpressionStmt stmt) || !MutationContext.inStatementList(stmt)
                || !(stmt.getExpression() instanceof AssignExpr a) || a.getOperator() != AssignExpr.Operator.ASSIGN
                || !(a.getTarget() instanceof NameExpr x)) {
            return List.of();
        }
        Optional<Statement> loop = MutationContext.enclosingLoop(stmt);
        Optional<Type> returned = ctx.enclosingReturnType(stmt);
        if (loop.isEmpty() || returned.isEmpty()) {
            return List.of();
        }
        Variable v = ctx.scope(stmt).get(x.getNameAsString());
        if (v == null || !Types.assignable(v.type(), Types.normalise(returned.get()))) {
            return List.of();
        }
        List<Statement> siblings = MutationContext.siblings(stmt);
        if (siblings.indexOf(stmt) != siblings.size() - 1) {
            return List.of(); // statements after a return would be unreachable: no compile
        }
        double weight = BreakInsertion.underIf(stmt, loop.get()) ? 1.0 : 0.3;
        String ret = "return " + x.getNameAsString() + ";";
        return List.of(new Mutation("insert " + ret + " (return the value found)", List.of(ctx.insertAfter(stmt, ret)), weight));
    }
}
