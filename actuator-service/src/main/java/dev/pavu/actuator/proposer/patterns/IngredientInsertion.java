package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ingredient reuse (GenProg's and Astor's insert operator, with Astor's file scope): a statement taken
 * from another method or constructor of the same file is inserted after the target (or, weighing less,
 * before it; only before a jump), when every variable it reads or writes is in scope at the target with the same declared
 * type it has where it comes from (no symbol resolution: by name and type), and every method it calls
 * without a receiver is declared in the file and callable from the target's static or instance context.
 * Only expression statements that declare nothing are ingredients. Ingredients sharing more names with
 * the target's method rank first (a similar computation), and at most {@link #MAX_INGREDIENTS} are used
 * per location.
 */
public final class IngredientInsertion implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "ingredient-insertion";

    /** At most this many ingredients per location. */
    static final int MAX_INGREDIENTS = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt) || !MutationContext.inStatementList(stmt)) {
            return List.of();
        }
        Optional<CallableDeclaration<?>> home = ctx.enclosingCallable(stmt);
        if (home.isEmpty()) {
            return List.of();
        }
        Map<String, Variable> scope = ctx.scope(stmt);
        boolean isStatic = MutationContext.inStaticContext(stmt);
        Set<String> context = MutationContext.namesUsed(home.get());
        List<Statement> siblings = MutationContext.siblings(stmt);
        Set<String> near = new HashSet<>();
        siblings.forEach(s -> near.add(normalised(ctx.text(s))));
        Map<String, Candidate> ingredients = new LinkedHashMap<>();
        for (ExpressionStmt s : ctx.unit().findAll(ExpressionStmt.class)) {
            Optional<CallableDeclaration<?>> from = ctx.enclosingCallable(s);
            if (from.isEmpty() || from.get() == home.get() || s.getExpression() instanceof VariableDeclarationExpr
                    || s.findFirst(LambdaExpr.class).isPresent() || s.findFirst(VariableDeclarator.class).isPresent()) {
                continue;
            }
            String text = normalised(ctx.text(s));
            if (near.contains(text) || ingredients.containsKey(text) || !fits(s, scope, isStatic, ctx)) {
                continue;
            }
            Set<String> names = MutationContext.namesUsed(s);
            long shared = names.stream().filter(context::contains).count();
            ingredients.put(text, new Candidate(s, shared));
        }
        List<Candidate> ranked = new ArrayList<>(ingredients.values());
        ranked.sort(Comparator.comparingLong(Candidate::shared).reversed());
        List<Mutation> out = new ArrayList<>();
        boolean jump = IncrementInsertion.isJump(stmt);
        for (Candidate c : ranked.subList(0, Math.min(MAX_INGREDIENTS, ranked.size()))) {
            String text = ctx.text(c.statement()).strip();
            if (text.contains("\n")) {
                continue;
            }
            String what = MutationContext.shorten(text);
            String origin = ctx.enclosingCallable(c.statement()).map(m -> m.getNameAsString()).orElse("?");
            double weight = 0.6 + 0.4 * Math.min(1.0, c.shared() / 3.0);
            if (!jump) {
                out.add(new Mutation("insert " + what + " (from " + origin + ")", List.of(ctx.insertAfter(stmt, text)), weight));
            }
            out.add(new Mutation("insert " + what + " before (from " + origin + ")", List.of(ctx.insertBefore(stmt, text)),
                    weight * 0.7));
        }
        return out;
    }

    private record Candidate(ExpressionStmt statement, long shared) {
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Every name in scope with the type it has at the ingredient's home; every receiver-less call callable. */
    private static boolean fits(ExpressionStmt s, Map<String, Variable> scope, boolean isStatic, MutationContext ctx) {
        if (s.findFirst(SuperExpr.class).isPresent() || isStatic && s.findFirst(ThisExpr.class).isPresent()) {
            return false;
        }
        Map<String, Variable> origin = ctx.scope(s);
        for (NameExpr n : s.findAll(NameExpr.class)) {
            String name = n.getNameAsString();
            if (n.getParentNode().orElse(null) instanceof MethodCallExpr m && m.getScope().orElse(null) == n
                    && !origin.containsKey(name) && Character.isUpperCase(name.charAt(0))) {
                continue; // a class name: Math.max, List.of
            }
            if (n.getParentNode().orElse(null) instanceof FieldAccessExpr f && f.getScope() == n
                    && !origin.containsKey(name) && Character.isUpperCase(name.charAt(0))) {
                continue; // Type.CONSTANT
            }
            Variable here = scope.get(name);
            Variable there = origin.get(name);
            if (here == null || there == null || !here.type().equals(there.type())) {
                return false;
            }
        }
        for (FieldAccessExpr f : s.findAll(FieldAccessExpr.class)) {
            if (f.getScope() instanceof ThisExpr) {
                Variable here = scope.get(f.getNameAsString());
                if (here == null || here.kind() != Variable.Kind.FIELD) {
                    return false;
                }
            }
        }
        TypeDeclaration<?> type = ctx.enclosingType(s).orElse(null);
        for (MethodCallExpr m : s.findAll(MethodCallExpr.class)) {
            if (m.getScope().isPresent()) {
                continue;
            }
            if (type == null) {
                return false;
            }
            List<MethodDeclaration> declared = type.getMethodsByName(m.getNameAsString());
            if (declared.isEmpty() || isStatic && declared.stream().noneMatch(MethodDeclaration::isStatic)) {
                return false;
            }
        }
        return true;
    }
}
