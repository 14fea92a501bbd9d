package dev.pavu.actuator.proposer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coordinated edits: one fix applied at two places of the same method that were written alike, as a single
 * candidate. Many two-location bugs are one mistake made twice or mirrored — {@code Math.min} / {@code Math.max}
 * exchanged in two adjacent declarations, {@code ++} / {@code --} exchanged in the two branches of an
 * {@code if}, the same wrong type in a declaration and its initialiser — and neither single edit passes a test on
 * its own, so the partial-fix search of {@link TwoLocationPatches} never sees them.
 *
 * <p>From the template proposer's single-edit mutants of one file (insertions aside), two mutants of the same pattern in the same
 * member, at most {@link #MAX_LINES_APART} lines apart, with non-overlapping edits, pair when they are
 * <ul>
 *   <li><b>mirrored</b>: one replaces {@code a} by {@code b}, the other {@code b} by {@code a}
 *       ({@code min → max} and {@code max → min});</li>
 *   <li><b>repeated</b>: both replace the same text {@code a} by the same {@code b}
 *       ({@code ArrayList → HashSet} twice).</li>
 * </ul>
 * Two number constants pair only on lines written alike ({@link #SAME_SHAPE}). A pair ranks below the weaker of its
 * two edits, the less so the more alike the two lines are ({@link #PAIR_FACTOR} × (0.5 + 0.5 × {@link #similarity}));
 * at most {@link #MAX_PAIRS} per file, the best first. Compare Hercules (Saha et al., ICSE 2019), which repairs "sibling" hunks with the same edit.
 */
public final class CoordinatedEdits {

    /** Pattern name of a paired candidate. */
    public static final String NAME = "coordinated-edit";

    /** The two edits' lines are at most this far apart. */
    public static final int MAX_LINES_APART = 3;

    /** At most this many pairs per file. */
    public static final int MAX_PAIRS = 24;

    /** A pair's priority is this times the lower priority of its two edits. */
    public static final double PAIR_FACTOR = 0.9;

    /** Two number constants changed together must sit on lines at least this alike ({@link #similarity}). */
    public static final double SAME_SHAPE = 0.8;

    private static final Pattern TOKEN = Pattern.compile("'(?:\\\\.|[^'])*'|\"(?:\\\\.|[^\"])*\"|\\+\\+|--|[\\p{L}\\p{N}_$.]+|\\S");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d_.]*[lLdDfF]?");

    private CoordinatedEdits() {
    }

    /**
     * @param mutants the template proposer's mutants of one file, any order
     * @return the paired mutants (pattern {@link #NAME}, both edits, description "first and second"), best first;
     *         empty when no two edits mirror or repeat each other
     */
    public static List<Mutant> of(List<Mutant> mutants) {
        Map<String, List<Mutant>> byChange = new HashMap<>();
        for (Mutant m : mutants) {
            if (pairable(m)) {
                byChange.computeIfAbsent(key(m, false), k -> new ArrayList<>()).add(m);
            }
        }
        List<Mutant> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<Long, Double> similarities = new HashMap<>();
        for (Mutant a : mutants) {
            if (!pairable(a)) {
                continue;
            }
            for (String k : List.of(key(a, false), key(a, true))) {
                for (Mutant b : byChange.getOrDefault(k, List.of())) {
                    pair(a, b, similarities).filter(p -> seen.add(p.edits().toString())).ifPresent(out::add);
                }
            }
        }
        out.sort(Comparator.comparingDouble(Mutant::priority).reversed());
        return out.size() > MAX_PAIRS ? List.copyOf(out.subList(0, MAX_PAIRS)) : out;
    }

    /**
     * How alike two lines are written: the Dice coefficient of their token bigrams once identifiers, numbers and
     * character or string literals are each made one token kind and {@code ++}/{@code --} one operator (1 = same shape).
     *
     * @param a a line's text
     * @param b another line's text
     * @return in [0, 1]
     */
    static double similarity(String a, String b) {
        List<String> x = bigrams(shape(a));
        List<String> y = bigrams(shape(b));
        if (x.isEmpty() || y.isEmpty()) {
            return x.equals(y) ? 1 : 0;
        }
        List<String> rest = new ArrayList<>(y);
        int common = 0;
        for (String g : x) {
            if (rest.remove(g)) {
                common++;
            }
        }
        return 2.0 * common / (x.size() + y.size());
    }

    private static List<String> shape(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            String t = m.group();
            out.add(Character.isDigit(t.charAt(0)) ? "0" : Character.isLetter(t.charAt(0)) || t.charAt(0) == '_' || t.charAt(0) == '$'
                    ? "a" : t.startsWith("'") || t.startsWith("\"") ? "'" : t.equals("--") ? "++" : t);
        }
        return out;
    }

    private static List<String> bigrams(List<String> tokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            out.add(tokens.get(i) + " " + tokens.get(i + 1));
        }
        return out;
    }

    private static String lineText(SourceFile source, int line) {
        return source.line(line).strip();
    }

    private static boolean isNumber(String text) {
        return NUMBER.matcher(text.strip()).matches();
    }

    /** One edit that replaces or removes text: an insertion made twice is no repeated mistake. */
    private static boolean pairable(Mutant m) {
        return m.edits().size() == 1 && m.edits().getFirst().end() > m.edits().getFirst().begin();
    }

    /** pattern, original text and replacement; mirrored: the replacement and original exchanged. */
    private static String key(Mutant m, boolean mirrored) {
        TextEdit e = m.edits().getFirst();
        String original = m.source().text(e.begin(), e.end()).strip();
        String replacement = e.replacement().strip();
        return m.pattern() + "\u0000" + (mirrored ? replacement : original) + "\u0000" + (mirrored ? original : replacement);
    }

    private static Optional<Mutant> pair(Mutant a, Mutant b, Map<Long, Double> similarities) {
        TextEdit x = a.edits().getFirst();
        TextEdit y = b.edits().getFirst();
        boolean ordered = x.begin() < y.begin();
        TextEdit first = ordered ? x : y;
        TextEdit second = ordered ? y : x;
        if (a == b || first.end() > second.begin() || a.scopeBegin() != b.scopeBegin() || a.scopeBegin() < 0
                || Math.abs(a.line() - b.line()) > MAX_LINES_APART || a.source().text(x.begin(), x.end()).equals(x.replacement())) {
            return Optional.empty();
        }
        double similarity = similarities.computeIfAbsent(Math.min(a.line(), b.line()) * (1L << 32) + Math.max(a.line(), b.line()),
                k -> similarity(lineText(a.source(), a.line()), lineText(b.source(), b.line())));
        if (isNumber(a.source().text(x.begin(), x.end())) && similarity < SAME_SHAPE) {
            return Optional.empty(); // two constants changed on unlike lines: a coincidence, not a repeated mistake
        }
        Mutant one = ordered ? a : b;
        Mutant two = ordered ? b : a;
        String secondDescription = two.description().substring(two.description().indexOf(' ') + 1);
        return Optional.of(new Mutant(one.source(), one.line(), NAME, one.description() + " and, at line " + two.line()
                + ", " + secondDescription, PAIR_FACTOR * Math.min(a.priority(), b.priority()) * (0.5 + 0.5 * similarity),
                Math.min(a.rank(), b.rank()),
                List.of(first, second), one.scopeBegin(), one.scopeEnd()));
    }
}
