package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.Type;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.TextEdit;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;
import dev.pavu.actuator.proposer.patterns.ConditionAtoms.Atom;
import dev.pavu.actuator.proposer.patterns.ConditionAtoms.Mode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Condition synthesis, the static first step of the Nopol / DynaMoth family: a missing or incomplete
 * condition is rebuilt from a ranked space of one comparison ({@link ConditionAtoms}: in-scope primitive
 * variables against the method's constants or each other) instead of from run-time angelic values; the
 * tests choose among the candidates. Three places:
 * <ul>
 *   <li><b>missing condition on {@code else}</b>: {@code else {…}} becomes {@code else if (C) {…}} when a
 *       statement of the {@code else} block is suspicious; the variables of the {@code if} condition go first
 *       and the comparisons it already makes are skipped;</li>
 *   <li><b>missing conjunct / disjunct</b> of an {@code if} or loop condition {@code c}: {@code c && C}, the
 *       variables {@code c} does not read first (what it forgot to check), then {@code c || C} for an
 *       {@code if} (fewer, lower weight);</li>
 *   <li><b>missing guard</b> before a suspicious statement of a block: {@code if (C) continue;} in a loop,
 *       else {@code if (C) return D;} with the default {@code D} of the method's return type
 *       ({@code false}/{@code true}, {@code 0}, nothing for {@code void}); the variables the statement reads
 *       go first. In a method returning an integral number the guard may also return a parameter the statement
 *       reads or 1, a missing base case of a recursion ({@code if (n < 2) return n;}), at lower weight; before
 *       a recursive call the comparisons a base case uses come first ({@code <}, {@code ==}, {@code <=}).</li>
 * </ul>
 * At most {@link #MAX_PER_SITE} atoms per place; weight falls with an atom's rank.
 */
public final class ConditionSynthesis implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "condition-synthesis";

    /** Bound on the synthesised conditions tried at one place. */
    static final int MAX_PER_SITE = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        elseCondition(target, ctx, out);
        for (Conditions.Condition c : Conditions.of(target, ctx)) {
            if (c.kind() == Conditions.Kind.IF || c.kind() == Conditions.Kind.LOOP) {
                junctions(c, ctx, out);
            }
        }
        guard(target, ctx, out);
        return out;
    }

    private static void elseCondition(Node target, MutationContext ctx, List<Mutation> out) {
        if (!(target instanceof Statement s) || !(s.getParentNode().orElse(null) instanceof BlockStmt block)
                || !(block.getParentNode().orElse(null) instanceof IfStmt ifStmt)
                || ifStmt.getElseStmt().filter(e -> e == block).isEmpty()) {
            return;
        }
        Expression cond = ifStmt.getCondition();
        int from = ctx.source().end(ifStmt.getThenStmt());
        int to = ctx.source().begin(block);
        String gap = ctx.source().text(from, to);
        int kw = gap.indexOf("else");
        if (kw < 0) {
            return;
        }
        List<Atom> atoms = ConditionAtoms.at(s, ctx, MutationContext.namesUsed(cond), compared(cond, ctx), Mode.SELECT,
                MAX_PER_SITE);
        for (int i = 0; i < atoms.size(); i++) {
            String text = atoms.get(i).text();
            String replacement = gap.substring(0, kw) + "else if (" + text + ")" + gap.substring(kw + 4);
            out.add(new Mutation("add condition to else: else if (" + text + ")",
                    List.of(new TextEdit(from, to, replacement)), weight(atoms.get(i), i, 1.0)));
        }
    }

    private static void junctions(Conditions.Condition c, MutationContext ctx, List<Mutation> out) {
        Expression cond = c.expression();
        if (cond instanceof BooleanLiteralExpr) {
            return;
        }
        Set<String> used = MutationContext.namesUsed(cond);
        Set<String> unused = new HashSet<>(ctx.scope(cond).keySet());
        unused.removeAll(used);
        Set<String> skip = compared(cond, ctx);
        List<Atom> conjuncts = ConditionAtoms.at(cond, ctx, unused, skip, Mode.EXCLUDE, MAX_PER_SITE);
        String body = ConditionGuards.operand(cond, Operator.AND, ctx);
        for (int i = 0; i < conjuncts.size(); i++) {
            String text = conjuncts.get(i).text();
            out.add(ctx.mutation(cond, body + " && " + text, "synthesise conjunct && " + text, weight(conjuncts.get(i), i, 0.9)));
        }
        if (c.kind() == Conditions.Kind.IF) {
            List<Atom> disjuncts = ConditionAtoms.at(cond, ctx, used, skip, Mode.SELECT, MAX_PER_SITE / 2);
            String either = ConditionGuards.operand(cond, Operator.OR, ctx);
            for (int i = 0; i < disjuncts.size(); i++) {
                String text = disjuncts.get(i).text();
                out.add(ctx.mutation(cond, either + " || " + text, "synthesise disjunct || " + text, weight(disjuncts.get(i), i, 0.6)));
            }
        }
    }

    private static void guard(Node target, MutationContext ctx, List<Mutation> out) {
        if (!(target instanceof Statement s) || s instanceof BlockStmt || !MutationContext.inStatementList(s)
                || ctx.source().text(ctx.source().lineStart(ctx.source().lineOf(ctx.source().begin(s))),
                ctx.source().begin(s)).strip().length() > 0) {
            return;
        }
        Optional<String> jump = jump(s, ctx);
        if (jump.isEmpty()) {
            return;
        }
        Set<String> used = MutationContext.namesUsed(s);
        List<String> others = baseCaseReturns(s, jump.get(), used, ctx);
        List<Atom> atoms = ConditionAtoms.at(s, ctx, used, Set.of(), recursive(s, ctx) ? Mode.BASE : Mode.SELECT, MAX_PER_SITE);
        for (int i = 0; i < atoms.size(); i++) {
            String guard = "if (" + atoms.get(i).text() + ") " + jump.get();
            out.add(new Mutation("insert guard " + guard, List.of(ctx.insertBefore(s, guard)), weight(atoms.get(i), i, 0.7)));
            for (String other : others) {
                String base = "if (" + atoms.get(i).text() + ") " + other;
                out.add(new Mutation("insert guard " + base, List.of(ctx.insertBefore(s, base)), weight(atoms.get(i), i, 0.55)));
            }
        }
    }

    /** Whether the statement calls its own method (unqualified, same name and arity): a guard there is a base case. */
    private static boolean recursive(Statement s, MutationContext ctx) {
        return ctx.enclosingCallable(s).map(c -> s.findAll(MethodCallExpr.class).stream().anyMatch(m -> m.getScope().isEmpty()
                && m.getNameAsString().equals(c.getNameAsString()) && m.getArguments().size() == c.getParameters().size()))
                .orElse(false);
    }

    /**
     * A missing base case returns more than the default: {@code if (n < 2) return n;} in a recursive Fibonacci,
     * {@code if (n == 2) return 1;}. Besides the default, a guard before a statement of a method that returns an
     * integral number may return a parameter of that type the statement reads, or 1.
     */
    private static List<String> baseCaseReturns(Statement s, String jump, Set<String> used, MutationContext ctx) {
        Optional<Type> returned = ctx.enclosingReturnType(s);
        if (!jump.startsWith("return ") || returned.isEmpty() || !Types.isIntegral(Types.normalise(returned.get()))) {
            return List.of();
        }
        String type = Types.normalise(returned.get());
        List<String> out = new ArrayList<>();
        for (Variable v : ctx.scope(s).values()) {
            if (v.kind() == Variable.Kind.PARAMETER && v.type().equals(type) && used.contains(v.name())) {
                out.add("return " + v.name() + ";");
            }
        }
        out.add("return 1;");
        return out;
    }

    /** {@code continue;} inside a loop, else a {@code return} of the method's default value, empty when unknown. */
    private static Optional<String> jump(Statement s, MutationContext ctx) {
        if (MutationContext.enclosingLoop(s).isPresent()) {
            return Optional.of("continue;");
        }
        if (ctx.enclosingCallable(s).isEmpty()) {
            return Optional.empty();
        }
        Optional<Type> returned = ctx.enclosingReturnType(s);
        if (returned.isEmpty()) {
            return Optional.empty(); // a constructor: no guard
        }
        String type = Types.normalise(returned.get());
        if ("void".equals(type)) {
            return Optional.of("return;");
        }
        if (Types.isBoolean(type)) {
            return Optional.of("return false;");
        }
        if (Types.isNumeric(type) && Types.isPrimitive(type)) {
            return Optional.of("return 0;");
        }
        return Optional.empty();
    }

    /** {@code variable constant} pairs a condition already compares (either order), e.g. {@code c '('}. */
    private static Set<String> compared(Expression cond, MutationContext ctx) {
        Set<String> out = new HashSet<>();
        for (BinaryExpr b : cond.findAll(BinaryExpr.class)) {
            String l = ctx.text(b.getLeft()).strip();
            String r = ctx.text(b.getRight()).strip();
            out.add(l + " " + r);
            out.add(r + " " + l);
        }
        return out;
    }

    private static double weight(Atom atom, int rank, double top) {
        return Math.max(0.05, atom.weight() * top * (1.0 - 0.12 * rank));
    }
}
