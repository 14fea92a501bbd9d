package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Variable;

import java.util.List;
import java.util.Optional;

/**
 * Which variables cannot be {@code null}, the symbol-less way: a local whose declaration and every
 * assignment in its method create an object, an array or a string literal, and a {@code final} field
 * initialised that way. A null check of such a variable cannot change behaviour, so the null-check
 * patterns skip it.
 */
final class NullSafety {

    private NullSafety() {
    }

    /**
     * @param name a variable name used at {@code at}
     * @param at   the node where it is used
     * @param ctx  the mutation context
     * @return true when it is never {@code null} there
     */
    static boolean definitelyNonNull(String name, Node at, MutationContext ctx) {
        Variable v = ctx.scope(at).get(name);
        if (v == null) {
            return false;
        }
        if (v.kind() == Variable.Kind.FIELD) {
            return ctx.unit().findAll(FieldDeclaration.class, f -> f.isFinal()).stream()
                    .flatMap(f -> f.getVariables().stream())
                    .filter(d -> d.getNameAsString().equals(name))
                    .anyMatch(d -> d.getInitializer().map(NullSafety::creates).orElse(false));
        }
        if (v.kind() != Variable.Kind.LOCAL) {
            return false;
        }
        Optional<CallableDeclaration<?>> method = ctx.enclosingCallable(at);
        if (method.isEmpty()) {
            return false;
        }
        List<VariableDeclarator> declarations = method.get().findAll(VariableDeclarator.class,
                d -> d.getNameAsString().equals(name));
        if (declarations.size() != 1 || !declarations.getFirst().getInitializer().map(NullSafety::creates).orElse(false)) {
            return false;
        }
        return method.get().findAll(AssignExpr.class, a -> a.getTarget() instanceof NameExpr n
                && n.getNameAsString().equals(name)).stream().allMatch(a -> creates(a.getValue()));
    }

    /**
     * @param name a variable name used at {@code at}
     * @param at   the node where it is used
     * @param ctx  the mutation context
     * @return true when its method (or its field declaration) gives it the value {@code null} explicitly
     */
    static boolean assignedNull(String name, Node at, MutationContext ctx) {
        Variable v = ctx.scope(at).get(name);
        if (v == null) {
            return false;
        }
        Node where = v.kind() == Variable.Kind.FIELD ? ctx.unit() : ctx.enclosingCallable(at).map(Node.class::cast).orElse(null);
        if (where == null) {
            return false;
        }
        return where.findAll(VariableDeclarator.class, d -> d.getNameAsString().equals(name)
                        && d.getInitializer().map(i -> i instanceof NullLiteralExpr).orElse(false)).size() > 0
                || where.findAll(AssignExpr.class, a -> a.getTarget() instanceof NameExpr n && n.getNameAsString().equals(name)
                        && a.getValue() instanceof NullLiteralExpr).size() > 0;
    }

    private static boolean creates(Expression e) {
        return e instanceof ObjectCreationExpr || e instanceof ArrayCreationExpr || e instanceof ArrayInitializerExpr
                || e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr;
    }
}
