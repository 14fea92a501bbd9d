package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VoidType;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Null-check insertion (TBar's NullPointerChecker): for each variable of a reference type that the
 * statement dereferences ({@code x.m()}, {@code x.f}, {@code x[i]}, {@code for (e : x)}), wrap the
 * statement in {@code if (x != null)}; for a {@code return} insert a guard before it,
 * {@code if (x == null) return <default>;}. Variables that cannot be null ({@link NullSafety}: a
 * local only ever assigned {@code new …}) are skipped. Declarations are left alone (wrapping one would hide the
 * variable from the statements after it).
 */
public final class NullCheckInsertion implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "null-check-insertion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt) || !inStatementList(stmt) || stmt instanceof BlockStmt
                || stmt instanceof ExplicitConstructorInvocationStmt
                || stmt instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr) {
            return List.of();
        }
        List<Mutation> out = new ArrayList<>();
        int begin = ctx.source().begin(stmt);
        for (String x : dereferenced(stmt, ctx)) {
            if (stmt instanceof ReturnStmt ret) {
                Optional<String> value = defaultReturn(ret, ctx);
                if (value.isEmpty()) {
                    continue;
                }
                String guard = "if (" + x + " == null) " + value.get() + ctx.source().lineSeparator()
                        + ctx.source().indentation(ctx.source().lineOf(begin));
                out.add(new Mutation("guard " + x + " == null before return with " + value.get(),
                        List.of(TextEdit.insert(begin, guard)), 0.7));
            } else {
                out.add(new Mutation("wrap statement in if (" + x + " != null)",
                        List.of(TextEdit.insert(begin, "if (" + x + " != null) ")), 1.0));
            }
        }
        return out;
    }

    private static boolean inStatementList(Statement s) {
        Node parent = s.getParentNode().orElse(null);
        return parent instanceof BlockStmt || parent instanceof SwitchEntry;
    }

    private static Set<String> dereferenced(Statement stmt, MutationContext ctx) {
        Set<String> names = new LinkedHashSet<>();
        for (Expression e : ctx.own(stmt, Expression.class)) {
            Expression scope = null;
            if (e instanceof MethodCallExpr m && m.getScope().isPresent()) {
                scope = m.getScope().get();
            } else if (e instanceof FieldAccessExpr f) {
                scope = f.getScope();
            } else if (e instanceof ArrayAccessExpr a) {
                scope = a.getName();
            }
            addIfReference(scope, ctx, names);
        }
        if (stmt instanceof ForEachStmt f) {
            addIfReference(f.getIterable(), ctx, names);
        }
        return names;
    }

    private static void addIfReference(Expression scope, MutationContext ctx, Set<String> names) {
        if (scope instanceof NameExpr n) {
            Variable v = ctx.scope(n).get(n.getNameAsString());
            if (v != null && !v.isPrimitive() && !NullSafety.definitelyNonNull(n.getNameAsString(), n, ctx)) {
                names.add(n.getNameAsString());
            }
        }
    }

    /**
     * @param stmt a statement inside a method
     * @param ctx  the file's context
     * @return the statement that leaves the method with its type's default value ({@code return;},
     *         {@code return 0;}, {@code return false;}, {@code return null;} …), or empty outside a method (a
     *         constructor, lambda or initialiser)
     */
    static Optional<String> defaultReturn(Statement stmt, MutationContext ctx) {
        Optional<Type> type = ctx.enclosingReturnType(stmt);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Type t = type.get();
        if (t instanceof VoidType) {
            return Optional.of("return;");
        }
        String n = Types.normalise(t);
        return Optional.of("return " + switch (n) {
            case "boolean" -> "false";
            case "char" -> "'\\0'";
            case "long" -> "0L";
            case "float" -> "0f";
            case "double" -> "0.0";
            case "byte", "short", "int" -> "0";
            default -> "null";
        } + ";");
    }
}
