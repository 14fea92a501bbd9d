package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renaming of an ingredient's variables to the variables in scope at an insertion point (the "variable
 * mapping" of SimFix, Jiang et al. ISSTA 2018, and CapGen's context-aware ingredient adaptation, Wen et al. ICSE
 * 2018), type-checked by a simple rule on declared types (no symbol resolution, see
 * {@link dev.pavu.actuator.proposer.Scopes}):
 * <ul>
 *   <li>a variable may be bound to a variable of the same declared type (normalised, generics kept);</li>
 *   <li>a variable of a primitive numeric type may also be bound to one of another primitive numeric type when
 *       every use of it is a numeric slot: the target of {@code ++}/{@code --} or of a compound assignment, or an
 *       operand of the arithmetic value of a compound assignment ({@code sum += x * w} — Java's compound
 *       assignment casts, so {@code long}/{@code int}/{@code char}/{@code double} all compile there);</li>
 *   <li>nothing else: an argument ({@code list.add(x)}), a receiver, either side of a plain {@code =}
 *       keep their exact type, so {@code List<Integer>.add(char)} or {@code int = long} is never proposed.</li>
 * </ul>
 */
final class Renamings {

    private static final Set<BinaryExpr.Operator> ARITHMETIC = EnumSet.of(BinaryExpr.Operator.PLUS,
            BinaryExpr.Operator.MINUS, BinaryExpr.Operator.MULTIPLY, BinaryExpr.Operator.DIVIDE,
            BinaryExpr.Operator.REMAINDER);

    private Renamings() {
    }

    /**
     * What an ingredient variable needs from the variable it is bound to.
     *
     * @param type    its declared type at the ingredient's origin, normalised
     * @param numeric true when every use of it is a numeric slot (any primitive numeric type will do)
     * @param written true when the ingredient assigns, increments or decrements it
     */
    record Need(String type, boolean numeric, boolean written) {

        /** @param other a candidate's declared type, normalised @return true when binding to it type-checks by the rule above */
        boolean acceptedBy(String other) {
            return type.equals(other) || numeric && isNumericPrimitive(type) && isNumericPrimitive(other);
        }
    }

    /**
     * @param n a use of a variable in an ingredient statement
     * @param s the ingredient statement
     * @return true when the use is a numeric slot (see the class comment)
     */
    static boolean numericSlot(NameExpr n, ExpressionStmt s) {
        Node parent = n.getParentNode().orElse(null);
        if (parent instanceof UnaryExpr u && u.getParentNode().orElse(null) == s
                && EnumSet.of(UnaryExpr.Operator.PREFIX_INCREMENT, UnaryExpr.Operator.PREFIX_DECREMENT,
                UnaryExpr.Operator.POSTFIX_INCREMENT, UnaryExpr.Operator.POSTFIX_DECREMENT).contains(u.getOperator())) {
            return true;
        }
        if (parent instanceof AssignExpr a && a.getParentNode().orElse(null) == s && a.getOperator() != AssignExpr.Operator.ASSIGN) {
            return true; // target or whole value of a compound assignment
        }
        Node child = n;
        Node p = parent;
        while (p instanceof BinaryExpr b && ARITHMETIC.contains(b.getOperator()) || p instanceof EnclosedExpr) {
            child = p;
            p = p.getParentNode().orElse(null);
        }
        return child != n && p instanceof AssignExpr a && a.getValue() == child && a.getParentNode().orElse(null) == s
                && a.getOperator() != AssignExpr.Operator.ASSIGN;
    }

    /**
     * @param n a use of a variable
     * @return true when the use is the target of an assignment, an increment or a decrement
     */
    static boolean written(NameExpr n) {
        Node parent = n.getParentNode().orElse(null);
        return parent instanceof AssignExpr a && a.getTarget() == n
                || parent instanceof UnaryExpr u && EnumSet.of(UnaryExpr.Operator.PREFIX_INCREMENT,
                UnaryExpr.Operator.PREFIX_DECREMENT, UnaryExpr.Operator.POSTFIX_INCREMENT,
                UnaryExpr.Operator.POSTFIX_DECREMENT).contains(u.getOperator());
    }

    private static boolean isNumericPrimitive(String type) {
        return Types.isPrimitive(type) && Types.isNumeric(type);
    }

    /**
     * The bindings of an ingredient's variables to variables in scope, fewest renamings first: per variable its
     * own name first (when in scope and accepted), then accepted variables of the same kind, closest name first,
     * at most {@code choicesPerVariable} each; two variables of the ingredient never bind to the same one.
     *
     * @param needs              variable name → what it needs, in first-use order
     * @param scope              the variables in scope at the insertion point
     * @param choicesPerVariable bound of choices per variable
     * @param max                bound of bindings returned
     * @return bindings (name → name), at most {@code max}; empty when some variable has no accepted binding
     */
    static List<Map<String, String>> bindings(Map<String, Need> needs, Map<String, Variable> scope,
                                              int choicesPerVariable, int max) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, Need> need : needs.entrySet()) {
            List<String> choices = choices(need.getKey(), need.getValue(), scope, choicesPerVariable);
            if (choices.isEmpty()) {
                return List.of();
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String c : choices) {
                    if (!partial.containsValue(c)) {
                        Map<String, String> m = new LinkedHashMap<>(partial);
                        m.put(need.getKey(), c);
                        next.add(m);
                    }
                }
            }
            next.sort(Comparator.comparingLong(Renamings::renamed));
            out = next.size() > max ? new ArrayList<>(next.subList(0, max)) : next;
        }
        return out;
    }

    /** @param binding a binding @return how many variables it renames */
    static long renamed(Map<String, String> binding) {
        return binding.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue())).count();
    }

    private static List<String> choices(String name, Need need, Map<String, Variable> scope, int bound) {
        List<String> out = new ArrayList<>();
        Variable same = scope.get(name);
        if (same != null && need.acceptedBy(Types.normalise(same.type()))) {
            out.add(name);
        }
        scope.values().stream()
                .filter(v -> !v.name().equals(name) && need.acceptedBy(Types.normalise(v.type())))
                .sorted(Comparator.comparingInt((Variable v) -> v.kind() == Variable.Kind.FIELD ? 1 : 0)
                        .thenComparingInt(v -> Types.normalise(v.type()).equals(need.type()) ? 0 : 1)
                        .thenComparingInt(v -> -commonPrefix(v.name(), name)))
                .limit(bound)
                .map(Variable::name)
                .forEach(out::add);
        return out.size() > bound ? out.subList(0, bound) : out;
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /**
     * @param statement the ingredient statement
     * @param uses      its variable uses (name expressions inside it)
     * @param binding   name → new name
     * @param ctx       the file
     * @return the statement's text with each use renamed, stripped
     */
    static String apply(ExpressionStmt statement, List<NameExpr> uses, Map<String, String> binding, MutationContext ctx) {
        int base = ctx.source().begin(statement);
        String original = ctx.text(statement);
        int lead = original.length() - original.stripLeading().length();
        StringBuilder text = new StringBuilder(original.strip());
        List<NameExpr> sorted = new ArrayList<>(uses);
        sorted.sort(Comparator.comparingInt((NameExpr n) -> ctx.source().begin(n)).reversed());
        for (NameExpr n : sorted) {
            String name = n.getNameAsString();
            int from = ctx.source().begin(n) - base - lead;
            text.replace(from, from + name.length(), binding.getOrDefault(name, name));
        }
        return text.toString();
    }
}
