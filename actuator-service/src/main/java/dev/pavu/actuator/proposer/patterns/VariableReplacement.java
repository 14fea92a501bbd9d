package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wrong variable: a variable use replaced by another variable in scope with the same declared type
 * (locals, parameters, fields; compared by type name, no symbol resolution). Locals and parameters
 * weigh more than fields, and a use with k alternatives gives each 1/√k of the weight. A replacement that would make both operands of a binary expression the same
 * variable is skipped.
 */
public final class VariableReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "variable-replacement";

    /** At most this many alternatives per variable use. */
    static final int MAX_ALTERNATIVES = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        List<Expression> uses = uses(target, ctx);
        for (Expression use : uses) {
            String name = use instanceof NameExpr n ? n.getNameAsString() : ((FieldAccessExpr) use).getNameAsString();
            List<Expression> same = uses.stream().filter(u -> ctx.text(u).equals(ctx.text(use))).toList();
            int index = 0;
            while (same.get(index) != use) {
                index++;
            }
            String which = same.size() > 1 ? " (use " + (index + 1) + " of " + same.size() + ")" : "";
            Map<String, Variable> scope = ctx.scope(use);
            Variable v = scope.get(name);
            if (v == null || use instanceof FieldAccessExpr && v.kind() != Variable.Kind.FIELD) {
                continue;
            }
            String sibling = otherOperand(use, ctx);
            List<Variable> alternatives = new ArrayList<>();
            for (Variable alt : scope.values()) {
                if (alt.name().equals(name) || !alt.type().equals(v.type()) || alt.name().equals(sibling)
                        || use instanceof FieldAccessExpr && alt.kind() != Variable.Kind.FIELD) {
                    continue;
                }
                if (alternatives.size() < MAX_ALTERNATIVES) {
                    alternatives.add(alt);
                }
            }
            // the pattern's mass at one use is spread over its alternatives: many same-typed variables, each less likely
            double spread = 1 / Math.sqrt(Math.max(1, alternatives.size()));
            for (Variable alt : alternatives) {
                String replacement = use instanceof FieldAccessExpr ? "this." + alt.name() : alt.name();
                double weight = (alt.kind() == Variable.Kind.FIELD ? 0.8 : 1.0) * spread;
                out.add(ctx.mutation(use, replacement, "replace variable " + ctx.text(use) + " with " + replacement + which, weight));
            }
        }
        return out;
    }

    private static List<Expression> uses(Node target, MutationContext ctx) {
        List<Expression> uses = new ArrayList<>();
        for (Expression e : ctx.own(target, Expression.class)) {
            if (e instanceof NameExpr n && !(n.getParentNode().orElse(null) instanceof MethodCallExpr m
                    && m.getScope().orElse(null) == n && Character.isUpperCase(n.getNameAsString().charAt(0)))) {
                uses.add(e);
            } else if (e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
                uses.add(e);
            }
        }
        return uses;
    }

    private static String otherOperand(Expression use, MutationContext ctx) {
        if (use.getParentNode().orElse(null) instanceof BinaryExpr b) {
            Expression other = b.getLeft() == use ? b.getRight() : b.getLeft();
            return ctx.text(other).replace("this.", "");
        }
        return null;
    }
}
