package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search space of static condition synthesis ({@link ConditionSynthesis}): atomic conditions
 * {@code v op K} and {@code v op w} over the numeric locals and parameters in scope at a point (primitives and their
 * boxes: a for-each over a {@code List<Integer>} gives an {@code Integer}; two boxes are never compared with
 * {@code ==} or {@code !=}, which would compare references) and the
 * constants of the enclosing method, ranked by simplicity (Nopol's and DynaMoth's grammar of one comparison,
 * without their run-time values: which atom is right is left to the tests).
 *
 * <p>Besides comparisons, boolean queries over the strings, collections and maps in scope ({@link QueryAtoms}:
 * {@code s.contains(t)}, {@code seen.contains(x)}, {@code !s.isEmpty()}, …).
 *
 * <p>Constants of a variable's type: the integer and character literals the method uses (a negated integer
 * literal counts), {@code 0} and {@code 1} for integral variables, and for {@code char} variables the partner
 * of each bracket literal ({@code '('} → {@code ')'}) and {@code ' '} (the separators a character scan meets).
 * Floating-point variables are compared only with {@code <} and {@code >}.
 *
 * <p>Cost (lower is simpler, ties keep generation order): 0 for a preferred variable, 2 otherwise; +0 for a
 * literal of the method, +1 for a default constant; +0.6 per step down the operator order of the
 * {@link Mode}; +3 for a comparison of two variables.
 */
final class ConditionAtoms {

    /** Which comparisons come first: an excluding conjunct ({@code v != K}) or a selecting condition ({@code v == K}). */
    enum Mode {
        /** {@code != > < == >= <=}: a conjunct that rules a case out. */
        EXCLUDE(List.of("!=", ">", "<", "==", ">=", "<=")),
        /** {@code == != < > <= >=}: a condition that picks a case. */
        SELECT(List.of("==", "!=", "<", ">", "<=", ">=")),
        /** {@code < == <= != > >=}: the base case of a recursion ({@code n < 2}, {@code n == 0}). */
        BASE(List.of("<", "==", "<=", "!=", ">", ">="));

        final List<String> operators;

        Mode(List<String> operators) {
            this.operators = operators;
        }
    }

    /**
     * One synthesised condition.
     *
     * @param text     e.g. {@code n != 1}
     * @param variable the variable it tests
     * @param constant the constant or second variable it compares with
     * @param cost     its simplicity rank (lower is simpler)
     * @param weight   multiplies the weight of the mutations built on it: 1 for a comparison, less for a query
     *                 ({@link QueryAtoms#WEIGHT}), whose space is wider and whose guesses miss more often
     */
    record Atom(String text, String variable, String constant, double cost, double weight) {
        Atom(String text, String variable, String constant, double cost) {
            this(text, variable, constant, cost, 1.0);
        }
    }

    private static final Map<Character, Character> PARTNERS = Map.of(
            '(', ')', ')', '(', '[', ']', ']', '[', '{', '}', '}', '{', '<', '>', '>', '<');

    private ConditionAtoms() {
    }

    /**
     * @param at        the point whose scope counts
     * @param ctx       the mutation context
     * @param preferred variable names ranked first (e.g. those of the sibling condition)
     * @param skip      {@code variable constant} pairs already decided there (e.g. {@code c '('} of the {@code if}
     *                  an {@code else} belongs to): no atom compares them again
     * @param mode      operator order
     * @param max       at most this many comparisons, and this many plus {@link QueryAtoms#EXTRA} queries
     * @return atoms, simplest first
     */
    static List<Atom> at(Node at, MutationContext ctx, Set<String> preferred, Set<String> skip, Mode mode, int max) {
        List<Variable> vars = new ArrayList<>();
        List<Variable> references = new ArrayList<>();
        for (Variable v : ctx.scope(at).values()) {
            if (v.kind() != Variable.Kind.FIELD && Types.isNumeric(v.type())) {
                vars.add(v);
            }
            if (v.kind() != Variable.Kind.FIELD) {
                references.add(v);
            }
        }
        Map<String, Integer> literals = literals(at, ctx);
        List<Atom> out = new ArrayList<>();
        for (Variable v : vars) {
            double varCost = preferred.contains(v.name()) ? 0 : 2;
            for (Map.Entry<String, Double> k : constants(v.type(), literals).entrySet()) {
                if (skip.contains(v.name() + " " + k.getKey())) {
                    continue;
                }
                addAll(out, v, k.getKey(), varCost + k.getValue(), mode, false);
            }
            for (Variable w : vars) {
                if (w != v && w.type().equals(v.type()) && v.name().compareTo(w.name()) < 0) {
                    double cost = 3 + Math.min(varCost, preferred.contains(w.name()) ? 0 : 2);
                    // two boxes compared with == or != compare references, not values
                    addAll(out, v, w.name(), cost, mode, !Types.isPrimitive(v.type()));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Atom::cost));
        List<Atom> queries = new ArrayList<>();
        QueryAtoms.add(queries, references, preferred, mode);
        queries.sort(Comparator.comparingDouble(Atom::cost));
        List<Atom> merged = new ArrayList<>(out.subList(0, Math.min(max, out.size())));
        merged.addAll(queries.subList(0, Math.min(max + QueryAtoms.EXTRA, queries.size())));
        merged.sort(Comparator.comparingDouble(Atom::cost));
        return List.copyOf(merged);
    }

    private static void addAll(List<Atom> out, Variable v, String other, double cost, Mode mode, boolean noEquality) {
        boolean floating = Types.isFloating(v.type());
        for (int i = 0; i < mode.operators.size(); i++) {
            String op = mode.operators.get(i);
            if (floating && !op.equals("<") && !op.equals(">") || noEquality && (op.equals("==") || op.equals("!="))) {
                continue;
            }
            out.add(new Atom(v.name() + " " + op + " " + other, v.name(), other, cost + 0.6 * i));
        }
    }

    /** The constants a variable of {@code type} is compared with → their cost (0 for a literal of the method). */
    private static Map<String, Double> constants(String type, Map<String, Integer> literals) {
        Map<String, Double> out = new LinkedHashMap<>();
        boolean isChar = "char".equals(type) || "Character".equals(type);
        for (String lit : literals.keySet()) {
            if (isChar == lit.startsWith("'")) {
                out.put(lit, 0.0);
            }
        }
        if (isChar) {
            for (String lit : literals.keySet()) {
                Character p = lit.length() == 3 ? PARTNERS.get(lit.charAt(1)) : null;
                if (p != null) {
                    out.putIfAbsent("'" + p + "'", 1.0);
                }
            }
            if (!literals.isEmpty()) {
                out.putIfAbsent("' '", 1.0);
            }
        } else if (Types.isIntegral(type) || Types.isFloating(type)) {
            out.putIfAbsent("0", 1.0);
            out.putIfAbsent("1", 1.0);
        }
        return out;
    }

    /** Integer, long and character literals of the enclosing method (a negated one as {@code -K}), in source order. */
    private static Map<String, Integer> literals(Node at, MutationContext ctx) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Node scope = ctx.enclosingCallable(at).map(Node.class::cast).orElse(at);
        Set<Expression> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expression e : scope.findAll(Expression.class)) {
            String text = null;
            if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS
                    && (u.getExpression() instanceof IntegerLiteralExpr || u.getExpression() instanceof LongLiteralExpr)) {
                text = "-" + u.getExpression();
                seen.add(u.getExpression());
            } else if ((e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr) && !seen.contains(e)) {
                text = e.toString();
            } else if (e instanceof CharLiteralExpr c) {
                text = c.toString();
            }
            if (text != null) {
                out.merge(text, 1, Integer::sum);
            }
        }
        return out;
    }
}
