package dev.pavu.actuator.proposer.patterns;

import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;
import dev.pavu.actuator.proposer.patterns.ConditionAtoms.Atom;
import dev.pavu.actuator.proposer.patterns.ConditionAtoms.Mode;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boolean queries as atoms of condition synthesis ({@link ConditionAtoms}), for conditions that are no comparison of
 * numbers: over the String, collection and map locals and parameters in scope, {@code s.isEmpty()},
 * {@code s.contains(t)}, {@code s.startsWith(t)}, {@code s.endsWith(t)}, {@code s.equals(t)} (two strings),
 * {@code c.contains(x)} (a collection and a variable of its element type) and {@code m.containsKey(k)} (a map and a
 * variable of its key type), each also negated. A query of two variables costs 3, +2 when the first is not preferred,
 * +1 when the second is not; {@code isEmpty()} 1.5, on a preferred string only. A query and its negation are
 * neighbours: the negation second ({@link #NEGATION_STEP}) when the mode selects a case, first when it rules one out.
 */
final class QueryAtoms {

    /** Queries a site gets beyond its number of comparisons: a query's negation doubles the list. */
    static final int EXTRA = 2;

    /** The weight of a mutation built on a query, relative to one built on a comparison of numbers. */
    static final double WEIGHT = 0.5;

    /** A query and its negation are next to each other: the second costs this much more. */
    static final double NEGATION_STEP = 0.05;

    private static final Pattern COLLECTION = Pattern.compile(
            "(?:List|ArrayList|LinkedList|Set|HashSet|LinkedHashSet|TreeSet|Collection|Deque|ArrayDeque|Queue)<(.+)>");
    private static final Pattern MAP = Pattern.compile("(?:Map|HashMap|LinkedHashMap|TreeMap)<([^,<>]+),.+>");
    private static final List<String> STRING_QUERIES = List.of("contains", "startsWith", "endsWith", "equals");

    private QueryAtoms() {
    }

    /**
     * @param out       atoms so far; the queries are added
     * @param vars      the locals and parameters in scope
     * @param preferred names ranked first
     * @param mode      selecting or excluding
     */
    static void add(List<Atom> out, Collection<Variable> vars, Set<String> preferred, Mode mode) {
        for (Variable v : vars) {
            double varCost = preferred.contains(v.name()) ? 0 : 2;
            if (v.type().equals("String") && varCost == 0) {
                both(out, v.name() + ".isEmpty()", v.name(), "", 1.5, mode);
            }
            for (Variable w : vars) {
                if (w == v) {
                    continue;
                }
                double cost = 3 + varCost + (preferred.contains(w.name()) ? 0 : 1);
                if (v.type().equals("String") && w.type().equals("String")) {
                    for (String q : STRING_QUERIES) {
                        both(out, v.name() + "." + q + "(" + w.name() + ")", v.name(), w.name(), cost + 0.1 * STRING_QUERIES.indexOf(q), mode);
                    }
                }
                String element = argument(COLLECTION, v.type());
                if (element != null && sameBoxed(element, w.type())) {
                    both(out, v.name() + ".contains(" + w.name() + ")", v.name(), w.name(), cost, mode);
                }
                String key = argument(MAP, v.type());
                if (key != null && sameBoxed(key, w.type())) {
                    both(out, v.name() + ".containsKey(" + w.name() + ")", v.name(), w.name(), cost, mode);
                }
            }
        }
    }

    private static void both(List<Atom> out, String query, String variable, String other, double cost, Mode mode) {
        boolean negatedFirst = mode == Mode.EXCLUDE;
        out.add(new Atom(query, variable, other, cost + (negatedFirst ? NEGATION_STEP : 0), WEIGHT));
        out.add(new Atom("!" + query, variable, other, cost + (negatedFirst ? 0 : NEGATION_STEP), WEIGHT));
    }

    private static String argument(Pattern p, String type) {
        Matcher m = p.matcher(type);
        return m.matches() ? m.group(1) : null;
    }

    /** {@code Integer} and {@code int} alike; otherwise the same name. */
    private static boolean sameBoxed(String a, String b) {
        return a.equals(b) || Types.assignable(a, b) && Types.assignable(b, a);
    }
}
