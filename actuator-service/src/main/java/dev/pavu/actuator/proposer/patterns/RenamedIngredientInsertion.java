package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.VarType;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Statement insertion with renaming: a statement that is missing at the suspicious location but whose like exists
 * elsewhere in the same method or class with other variables — a collection update ({@code list.add(x);}), a
 * counter step ({@code count++;}, {@code sum += v;}), an assignment — is inserted with its variables renamed to
 * variables in scope there.
 *
 * <p>Sources: ingredients are statements of the program under repair, as in GenProg (Le Goues, Nguyen, Forrest,
 * Weimer, "GenProg: A Generic Method for Automatic Software Repair", IEEE TSE 38(1), 2012) and Astor's ingredient
 * scopes (Martinez and Monperrus, "ASTOR: A Program Repair Library for Java", ISSTA 2016 demo); the variable
 * mapping and the ranking by context similarity follow SimFix (Jiang et al., ISSTA 2018) and CapGen (Wen et al.,
 * ICSE 2018). See {@link Renamings} for the type rule and {@link InsertionContext} for the similarity.
 *
 * <p>Ingredients: expression statements of a method or constructor of the target's class that declare nothing,
 * hold no lambda, call no {@code super}, fit on one line and whose every variable resolves at their origin; the
 * target's own method first (nearest first), then the rest of the class, at most {@link Limits#pool()} looked at.
 * An ingredient never writes a control variable of the loop around the insertion point, renamed or not (a loop's
 * own step is {@link IncrementInsertion}'s, so it would only duplicate that candidate; a copied counter step on the
 * loop index skips or repeats iterations).
 * An ingredient that needs an instance is not used in a static context.
 *
 * <p>Insertion points: after the target (not after a jump), before it (when it begins its line); when the target
 * is a loop with a block body, at the start and end of that body; and at the start and end of the body of the
 * innermost loop around the target. Nothing is inserted next to a statement with the same text.
 *
 * <p>Rank: the ingredients closest to the target go first (same method, then context similarity); each mutation
 * weighs {@code 0.5 × (0.05 + 0.35 × similarity + 0.2 / (1 + renamings) + 0.1 × [same method] + 0.15 × fit
 * + 0.15 × [revives]) × point weight}, where fit is the share of renamed variables bound to a variable used right at
 * the insertion point ({@link InsertionContext#namesNear}; 0 without renaming) and revives says that a renamed
 * write lands on a local initialised with a literal and never updated (see {@code stale})
 * (the half: at full weight these insertions crowded the candidate budget of the humaneval sample), point weight
 * 1 after the target or at the end of its loop's body, 0.8 at the end of an enclosing loop's, 0.7 before or at the
 * start of its loop's body, 0.6 at the start of an enclosing loop's. At most {@link Limits#perLocation()}
 * mutations per target.
 *
 * <p>What {@link IngredientInsertion} already proposes (an ingredient of another method inserted unchanged) is not
 * proposed again: an unrenamed ingredient here comes from the target's own method.
 */
public final class RenamedIngredientInsertion implements FixPattern {

    /** Pattern name (the technique's name in events, statistics and the bench). */
    public static final String NAME = "renamed-ingredient-insertion";

    /**
     * Bounds of the search ({@code pavu.actuator.template.insertion.*}).
     *
     * @param perLocation        mutations per target statement, at most
     * @param ingredients        ingredients renamed per target, at most (the closest)
     * @param choicesPerVariable bindings tried per ingredient variable, at most
     * @param renamings          renamings (whole bindings) per ingredient and insertion point, at most
     * @param pool               statements of the class looked at as ingredients per target, at most (nearest first)
     */
    public record Limits(int perLocation, int ingredients, int choicesPerVariable, int renamings, int pool) {

        /** The defaults of {@code application.properties}. */
        public static final Limits DEFAULTS = new Limits(4, 12, 3, 16, 400);

        /** @throws IllegalArgumentException when a bound is below 1 (naming it) */
        public Limits {
            check("per-location", perLocation);
            check("ingredients", ingredients);
            check("choices-per-variable", choicesPerVariable);
            check("renamings", renamings);
            check("pool", pool);
        }

        private static void check(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("pavu.actuator.template.insertion." + name
                        + " must be at least 1, was " + value + "; set it to a positive bound or leave it unset");
            }
        }
    }

    private final Limits limits;

    /** A pattern with {@link Limits#DEFAULTS}. */
    public RenamedIngredientInsertion() {
        this(Limits.DEFAULTS);
    }

    /** @param limits bounds of the search */
    public RenamedIngredientInsertion(Limits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt)) {
            return List.of();
        }
        Optional<CallableDeclaration<?>> home = ctx.enclosingCallable(stmt);
        Optional<TypeDeclaration<?>> type = ctx.enclosingType(stmt);
        List<Spot> spots = spots(stmt, ctx);
        if (home.isEmpty() || type.isEmpty() || spots.isEmpty()) {
            return List.of();
        }
        boolean isStatic = MutationContext.inStaticContext(stmt);
        InsertionContext here = InsertionContext.of(stmt);
        Set<String> stale = ctx.memo(NAME + ".stale@" + ctx.source().begin(home.get()), () -> stale(home.get()));
        List<Ranked> ranked = new ArrayList<>();
        for (ExpressionStmt s : nearest(stmt, home.get(), type.get(), ctx)) {
            Optional<Ingredient> i = ctx.memo(NAME + ".ingredient@" + ctx.source().begin(s), () -> ingredient(s, ctx));
            if (i.isPresent() && !(isStatic && i.get().instanceOnly())) {
                ranked.add(new Ranked(i.get(), i.get().home() == home.get(), here.similarity(i.get().context())));
            }
        }
        ranked.sort(Comparator.comparing(Ranked::sameMethod).reversed()
                .thenComparing(Comparator.comparingDouble(Ranked::similarity).reversed()));
        // score every (ingredient, insertion point, renaming) first: the text of only the best few is built
        List<Option> options = new ArrayList<>();
        for (Ranked r : ranked.subList(0, Math.min(limits.ingredients(), ranked.size()))) {
            Ingredient i = r.ingredient();
            for (Spot spot : spots) {
                for (Map<String, String> binding : Renamings.bindings(i.needs(), spot.scope(), limits.choicesPerVariable(),
                        limits.renamings())) {
                    long renamings = Renamings.renamed(binding);
                    if (renamings == 0 && !r.sameMethod() || writesLoopControl(binding, i, spot)) {
                        continue; // ingredient-insertion's candidate; a loop's own step is increment-insertion's
                    }
                    double fit = renamings == 0 ? 0 : (double) binding.entrySet().stream()
                            .filter(e -> !e.getKey().equals(e.getValue()) && spot.names().contains(e.getValue())).count() / renamings;
                    boolean revives = binding.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue())
                            && i.needs().get(e.getKey()).written() && stale.contains(e.getValue()));
                    double score = 0.05 + 0.35 * r.similarity() + 0.2 / (1 + renamings) + (r.sameMethod() ? 0.1 : 0)
                            + 0.15 * fit + (revives ? 0.15 : 0);
                    options.add(new Option(i, spot, binding, Math.min(1.0, 0.5 * score * spot.weight())));
                }
            }
        }
        options.sort(Comparator.comparingDouble(Option::weight).reversed());
        List<Mutation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Option o : options) {
            if (out.size() >= limits.perLocation()) {
                break;
            }
            String text = Renamings.apply(o.ingredient().statement(), o.ingredient().uses(), o.binding(), ctx);
            TextEdit edit = o.spot().inserter().apply(text);
            if (o.spot().near().contains(normalised(text)) || !seen.add(edit.begin() + "|" + normalised(text))) {
                continue; // next to an identical statement, or the same insertion reached another way
            }
            String renames = o.binding().entrySet().stream().filter(e -> !e.getKey().equals(e.getValue()))
                    .map(e -> e.getKey() + "→" + e.getValue()).reduce((a, b) -> a + ", " + b)
                    .map(x -> ", " + x).orElse("");
            out.add(new Mutation("insert " + MutationContext.shorten(text) + " " + o.spot().where()
                    + " (from " + o.ingredient().home().getNameAsString() + renames + ")", List.of(edit), o.weight()));
        }
        return out;
    }

    private record Option(Ingredient ingredient, Spot spot, Map<String, String> binding, double weight) {
    }

    /**
     * The locals of a method that look like an accumulator never updated: initialised with a literal ({@code 0},
     * {@code -1}, {@code ""}, {@code false}) and never assigned, incremented or decremented afterwards. A renaming
     * that makes a copied update write one of them is the likeliest missing update ({@code negatives += 1} where
     * only {@code positives += 1} exists).
     */
    private static Set<String> stale(CallableDeclaration<?> method) {
        Set<String> out = new HashSet<>();
        for (VariableDeclarator v : method.findAll(VariableDeclarator.class)) {
            Optional<Expression> init = v.getInitializer();
            if (init.isPresent() && (init.get() instanceof LiteralExpr
                    || init.get() instanceof UnaryExpr u && u.getExpression() instanceof LiteralExpr)) {
                out.add(v.getNameAsString());
            }
        }
        method.findAll(NameExpr.class).stream().filter(Renamings::written).forEach(n -> out.remove(n.getNameAsString()));
        return out;
    }

    /** Whether the ingredient, so bound, writes a variable of the header of the loop around the insertion point. */
    private static boolean writesLoopControl(Map<String, String> binding, Ingredient i, Spot spot) {
        return binding.entrySet().stream().anyMatch(e -> i.needs().get(e.getKey()).written()
                && spot.loopControl().contains(e.getValue()));
    }

    /** An insertion point: where the new statement goes, what scope it sees, what sits next to it. */
    private record Spot(String where, Map<String, Variable> scope, Function<String, TextEdit> inserter, Set<String> near,
                        Set<String> names, Set<String> loopControl, double weight) {
    }

    private record Ranked(Ingredient ingredient, boolean sameMethod, double similarity) {
    }

    private static List<Spot> spots(Statement stmt, MutationContext ctx) {
        List<Spot> out = new ArrayList<>();
        if (MutationContext.isLoop(stmt)) {
            loopBody(stmt, "the loop body", 1.0, 0.7, null, ctx, out);
        }
        if (MutationContext.inStatementList(stmt)) {
            Set<String> near = near(stmt, ctx);
            Set<String> names = InsertionContext.namesNear(stmt);
            if (!IncrementInsertion.isJump(stmt)) {
                out.add(new Spot("after", scopeAfter(stmt, ctx), t -> ctx.insertAfter(stmt, t), near, names, InsertionContext.loopControl(stmt), 1.0));
            }
            if (ctx.source().text(ctx.source().lineStart(ctx.source().lineOf(ctx.source().begin(stmt))),
                    ctx.source().begin(stmt)).isBlank()) {
                out.add(new Spot("before", ctx.scope(stmt), t -> ctx.insertBefore(stmt, t), near, names, InsertionContext.loopControl(stmt), 0.7));
            }
        }
        MutationContext.enclosingLoop(stmt).ifPresent(loop -> loopBody(loop, "the enclosing loop body", 0.8, 0.6, stmt, ctx, out));
        return out;
    }

    /** The start and end of a loop's block body, unless that is where the target itself stands. */
    private static void loopBody(Statement loop, String what, double endWeight, double startWeight, Statement target,
                                 MutationContext ctx, List<Spot> out) {
        if (!(MutationContext.loopBody(loop) instanceof BlockStmt body) || body.getStatements().isEmpty()) {
            return;
        }
        Statement first = body.getStatements().getFirst().orElseThrow();
        Statement last = body.getStatements().getLast().orElseThrow();
        if (last != target && !IncrementInsertion.isJump(last)) {
            out.add(new Spot("at the end of " + what, scopeAfter(last, ctx), t -> ctx.insertAfter(last, t), near(last, ctx),
                    InsertionContext.namesNear(last), InsertionContext.loopControl(last), endWeight));
        }
        if (first != target) {
            out.add(new Spot("at the start of " + what, ctx.scope(first), t -> ctx.insertBefore(first, t), near(first, ctx),
                    InsertionContext.namesNear(first), InsertionContext.loopControl(first), startWeight));
        }
    }

    /** The variables in scope just after a statement: those before it and the locals it declares (not {@code var}). */
    private static Map<String, Variable> scopeAfter(Statement stmt, MutationContext ctx) {
        Map<String, Variable> before = ctx.scope(stmt);
        if (!(stmt instanceof ExpressionStmt es) || !(es.getExpression() instanceof VariableDeclarationExpr vde)) {
            return before;
        }
        Map<String, Variable> out = new LinkedHashMap<>();
        for (VariableDeclarator v : vde.getVariables()) {
            if (!(v.getType() instanceof VarType)) {
                out.put(v.getNameAsString(), new Variable(v.getNameAsString(), Types.normalise(v.getType()),
                        Variable.Kind.LOCAL, false));
            }
        }
        before.forEach(out::putIfAbsent);
        return out;
    }

    /** The statements next to a statement (itself included), whitespace normalised: inserting one of them again is pointless. */
    private static Set<String> near(Statement stmt, MutationContext ctx) {
        Set<String> out = new HashSet<>();
        List<Statement> siblings = MutationContext.siblings(stmt);
        int at = siblings.indexOf(stmt);
        for (int k = Math.max(0, at - 1); k <= Math.min(siblings.size() - 1, at + 1) && at >= 0; k++) {
            out.add(normalised(ctx.text(siblings.get(k))));
        }
        out.add(normalised(ctx.text(stmt)));
        return out;
    }

    /**
     * A statement of the class that may be reused, with what it needs where it goes.
     *
     * @param statement    the statement
     * @param home         its method or constructor
     * @param uses         its variable uses, in source order (one entry per occurrence)
     * @param needs        variable name → what it needs of its binding, in first-use order
     * @param instanceOnly true when it needs an instance (this, an instance field or method)
     * @param context      its context
     */
    private record Ingredient(ExpressionStmt statement, CallableDeclaration<?> home, List<NameExpr> uses,
                              Map<String, Renamings.Need> needs, boolean instanceOnly, InsertionContext context) {
    }

    /**
     * The candidate ingredient statements for a target: those of its method nearest first, then those of the rest
     * of its class nearest first, at most {@link Limits#pool()}; the class's candidates are listed once per file.
     */
    private List<ExpressionStmt> nearest(Statement stmt, CallableDeclaration<?> home, TypeDeclaration<?> type,
                                         MutationContext ctx) {
        List<ExpressionStmt> all = ctx.memo(NAME + ".pool@" + ctx.source().begin(type), () -> candidates(type, ctx));
        int line = ctx.source().lineOf(ctx.source().begin(stmt));
        record Keyed(ExpressionStmt s, long key) {
        }
        return all.stream()
                .filter(s -> s != stmt)
                .map(s -> new Keyed(s, (ctx.enclosingCallable(s).orElse(null) == home ? 0L : 1L << 40)
                        + Math.abs(ctx.source().lineOf(ctx.source().begin(s)) - line)))
                .sorted(Comparator.comparingLong(Keyed::key))
                .limit(limits.pool())
                .map(Keyed::s)
                .toList();
    }

    /** The expression statements of the type's own methods and constructors that may be ingredients, by syntax alone. */
    private static List<ExpressionStmt> candidates(TypeDeclaration<?> type, MutationContext ctx) {
        List<ExpressionStmt> out = new ArrayList<>();
        for (ExpressionStmt s : type.findAll(ExpressionStmt.class)) {
            if (ctx.enclosingCallable(s).isEmpty() || ctx.enclosingType(s).orElse(null) != type
                    || s.getExpression() instanceof VariableDeclarationExpr || s.findFirst(LambdaExpr.class).isPresent()
                    || s.findFirst(VariableDeclarator.class).isPresent() || s.findFirst(SuperExpr.class).isPresent()
                    || ctx.text(s).contains("\n")) {
                continue;
            }
            out.add(s);
        }
        return out;
    }

    private static Optional<Ingredient> ingredient(ExpressionStmt s, MutationContext ctx) {
        Map<String, Variable> origin = ctx.scope(s);
        Map<String, Renamings.Need> needs = new LinkedHashMap<>();
        List<NameExpr> uses = new ArrayList<>();
        for (NameExpr n : s.findAll(NameExpr.class)) {
            String name = n.getNameAsString();
            if (IngredientInsertion.namesAType(n, origin)) {
                continue;
            }
            Variable there = origin.get(name);
            if (there == null) {
                return Optional.empty();
            }
            Renamings.Need need = new Renamings.Need(Types.normalise(there.type()), Renamings.numericSlot(n, s),
                    Renamings.written(n));
            needs.merge(name, need, (a, b) -> new Renamings.Need(a.type(), a.numeric() && b.numeric(),
                    a.written() || b.written()));
            uses.add(n);
        }
        CallableDeclaration<?> home = ctx.enclosingCallable(s).orElseThrow();
        return IngredientInsertion.instanceOnly(s, needs.keySet(), origin, ctx)
                .map(instanceOnly -> new Ingredient(s, home, uses, needs, instanceOnly, InsertionContext.of(s)));
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
