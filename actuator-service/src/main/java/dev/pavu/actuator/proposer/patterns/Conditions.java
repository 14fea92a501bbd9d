package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.ArrayList;
import java.util.List;

/** The conditions a target owns: of an {@code if}, a loop, and of its own {@code ?:} expressions. */
final class Conditions {

    /** Where a condition sits: an {@code if}, a loop header, a conditional expression or a boolean {@code return}. */
    enum Kind { IF, LOOP, TERNARY, RETURN }

    record Condition(Expression expression, Kind kind) {
    }

    private Conditions() {
    }

    static List<Condition> of(Node target, MutationContext ctx) {
        List<Condition> out = new ArrayList<>();
        switch (target) {
            case IfStmt s -> out.add(new Condition(s.getCondition(), Kind.IF));
            case WhileStmt s -> out.add(new Condition(s.getCondition(), Kind.LOOP));
            case DoStmt s -> out.add(new Condition(s.getCondition(), Kind.LOOP));
            case ForStmt s -> s.getCompare().ifPresent(c -> out.add(new Condition(c, Kind.LOOP)));
            default -> {
            }
        }
        for (ConditionalExpr c : ctx.own(target, ConditionalExpr.class)) {
            out.add(new Condition(c.getCondition(), Kind.TERNARY));
        }
        return out;
    }
}
