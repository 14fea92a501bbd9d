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
        CallableDeclaration<?> method = home.get();
        Set<String> context = ctx.memo(NAME + ".names@" + ctx.source().begin(method), () -> MutationContext.namesUsed(method));
        List<Statement> siblings = MutationContext.siblings(stmt);
        Set<String> near = new HashSet<>();
        siblings.forEach(s -> near.add(normalised(ctx.text(s))));
        Map<String, Candidate> ingredients = new LinkedHashMap<>();
        for (Ingredient i : ctx.<List<Ingredient>>memo(NAME + ".pool", () -> pool(ctx))) {
            if (i.home() == home.get() || near.contains(i.text()) || ingredients.containsKey(i.text())
                    || !i.fits(scope, isStatic)) {
                continue;
            }
            long shared = i.names().stream().filter(context::contains).count();
            ingredients.put(i.text(), new Candidate(i.statement(), shared));
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

    /**
     * A statement of the file that may be reused, with what it needs from the place it goes to.
     *
     * @param statement    the statement
     * @param home         its method or constructor
     * @param text         its text, whitespace normalised
     * @param names        the names it uses
     * @param needs        variable name → the declared type it has at home
     * @param instanceOnly true when it uses {@code this} or calls an instance method of its class without a receiver
     */
    private record Ingredient(ExpressionStmt statement, CallableDeclaration<?> home, String text, Set<String> names,
                              Map<String, String> needs, boolean instanceOnly) {

        /** Every variable in scope with the same type, and no instance state asked for in a static context. */
        boolean fits(Map<String, Variable> scope, boolean isStatic) {
            if (isStatic && instanceOnly) {
                return false;
            }
            for (Map.Entry<String, String> need : needs.entrySet()) {
                Variable here = scope.get(need.getKey());
                if (here == null || !here.type().equals(need.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Expression statements of methods and constructors that declare nothing, hold no lambda and resolve at home (once per file). */
    private static List<Ingredient> pool(MutationContext ctx) {
        List<Ingredient> out = new ArrayList<>();
        for (ExpressionStmt s : ctx.unit().findAll(ExpressionStmt.class)) {
            Optional<CallableDeclaration<?>> from = ctx.enclosingCallable(s);
            if (from.isEmpty() || s.getExpression() instanceof VariableDeclarationExpr
                    || s.findFirst(LambdaExpr.class).isPresent() || s.findFirst(VariableDeclarator.class).isPresent()
                    || s.findFirst(SuperExpr.class).isPresent()) {
                continue;
            }
            Optional<Ingredient> i = ingredient(s, from.get(), ctx);
            i.ifPresent(out::add);
        }
        return out;
    }

    /** What the statement needs: the type of each variable it uses at home, whether it needs an instance; empty when a name does not resolve. */
    private static Optional<Ingredient> ingredient(ExpressionStmt s, CallableDeclaration<?> home, MutationContext ctx) {
        Map<String, Variable> origin = ctx.scope(s);
        Map<String, String> needs = new LinkedHashMap<>();
        for (NameExpr n : s.findAll(NameExpr.class)) {
            String name = n.getNameAsString();
            if (namesAType(n, origin)) {
                continue;
            }
            Variable there = origin.get(name);
            if (there == null) {
                return Optional.empty();
            }
            needs.put(name, there.type());
        }
        for (FieldAccessExpr f : s.findAll(FieldAccessExpr.class)) {
            if (f.getScope() instanceof ThisExpr) {
                Variable there = origin.get(f.getNameAsString());
                if (there == null || there.kind() != Variable.Kind.FIELD) {
                    return Optional.empty();
                }
                needs.put(f.getNameAsString(), there.type());
            }
        }
        return instanceOnly(s, needs.keySet(), origin, ctx).map(instanceOnly ->
                new Ingredient(s, home, normalised(ctx.text(s)), MutationContext.namesUsed(s), needs, instanceOnly));
    }

    /**
     * @param n      a name in an ingredient
     * @param origin the variables in scope at the ingredient's origin, by name
     * @return true when the name is a class qualifying a call or field ({@code Math.max}, {@code Type.CONSTANT}), not a
     *         variable the ingredient needs
     */
    static boolean namesAType(NameExpr n, Map<String, Variable> origin) {
        String name = n.getNameAsString();
        Node parent = n.getParentNode().orElse(null);
        boolean qualifier = parent instanceof MethodCallExpr m && m.getScope().orElse(null) == n
                || parent instanceof FieldAccessExpr f && f.getScope() == n;
        return qualifier && !origin.containsKey(name) && Character.isUpperCase(name.charAt(0));
    }

    /**
     * Whether an ingredient can only be inserted where an instance exists: it uses {@code this}, an instance field of
     * its origin, or calls an instance method of its type unqualified.
     *
     * @param s      the ingredient statement
     * @param names  the variable names it uses
     * @param origin the variables in scope at its origin, by name (holds every name of {@code names})
     * @param ctx    the file's mutation context
     * @return the answer, or empty when it calls an unqualified method its type does not declare (not insertable)
     */
    static Optional<Boolean> instanceOnly(ExpressionStmt s, java.util.Collection<String> names, Map<String, Variable> origin,
                                          MutationContext ctx) {
        boolean instanceOnly = s.findFirst(ThisExpr.class).isPresent()
                || names.stream().anyMatch(n -> origin.get(n).kind() == Variable.Kind.FIELD && !origin.get(n).isStatic());
        TypeDeclaration<?> type = ctx.enclosingType(s).orElse(null);
        for (MethodCallExpr m : s.findAll(MethodCallExpr.class)) {
            if (m.getScope().isPresent()) {
                continue;
            }
            List<MethodDeclaration> declared = type == null ? List.of() : type.getMethodsByName(m.getNameAsString());
            if (declared.isEmpty()) {
                return Optional.empty();
            }
            instanceOnly |= declared.stream().noneMatch(MethodDeclaration::isStatic);
        }
        return Optional.of(instanceOnly);
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
