package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template proposer: at each suspicious line, every {@link FixPattern} proposes mutations of the
 * statements there; each becomes a {@link Mutant} ranked by
 * {@code priority = location score × pattern prior × mutation weight}, in a stable order (ties go to
 * the smaller edit, then the location rank, then generation order). A pattern contributes at most
 * {@link #MAX_PER_PATTERN} mutations per statement and a line at most {@link #MAX_PER_LOCATION}; two mutants that
 * mirror or repeat each other nearby are also offered as one ({@link CoordinatedEdits}). Checking and de-duplication
 * come after, in {@link CandidateFactory}.
 */
public final class TemplateProposer {

    /** Scores below this still rank (a location with score 0 is not dropped). */
    static final double MIN_SCORE = 0.01;

    /** At most this many mutations of one pattern at one target statement (the pattern's most likely first). */
    public static final int MAX_PER_PATTERN = 24;

    /** At most this many mutants at one suspicious line (the most promising kept). */
    public static final int MAX_PER_LOCATION = 160;

    /**
     * Appended to the description of a mutant that only removes code (a deleted statement, a dropped
     * sub-condition, see {@link #deletesOnly}): such a patch is the likeliest to pass the tests by removing
     * behaviour (a plausible but overfitting patch), and the job report flags it.
     */
    public static final String DELETION_ONLY_MARKER = "[deletes code only]";

    private static final Pattern TOKEN = Pattern.compile(
            ">>>=|<<=|>>=|>>>|&&|\\|\\||==|!=|<=|>=|\\+\\+|--|->|::|[-+*/%&|^]=|<<|>>|[\\p{L}\\p{N}_$]+|\\S");

    private final List<FixPattern> patterns;
    private final PatternPriors priors;

    /**
     * @param patterns the fix patterns
     * @param priors   their priors
     */
    public TemplateProposer(List<FixPattern> patterns, PatternPriors priors) {
        this.patterns = List.copyOf(patterns);
        this.priors = priors;
    }

    /** @return a proposer with every pattern of the {@link PatternCatalog} and the {@link StaticPatternPriors} */
    public static TemplateProposer withDefaults() {
        return new TemplateProposer(PatternCatalog.defaults(), new StaticPatternPriors());
    }

    /** @return the pattern names, in generation order */
    public List<String> patternNames() {
        return patterns.stream().map(FixPattern::name).toList();
    }

    /**
     * Mutants of one file.
     *
     * @param file  the original file
     * @param lines its suspicious lines
     * @return ranked mutants (most promising first) and the problems met (a file that does not parse,
     *         a pattern that failed)
     */
    public Proposal propose(SourceFile file, List<SuspiciousLine> lines) {
        return propose(file, lines, null);
    }

    /**
     * Mutants of one file, ranked with the priors for a kind of failure.
     *
     * @param file        the original file
     * @param lines       its suspicious lines
     * @param failureKind the kind of failure of the job's baseline (e.g. {@code NullPointerException}), or
     *                    {@code null} when unknown
     * @return ranked mutants (most promising first) and the problems met
     */
    public Proposal propose(SourceFile file, List<SuspiciousLine> lines, String failureKind) {
        return propose(file, lines, failureKind, Map.of());
    }

    /**
     * Mutants of one file, ranked with the priors for a kind of failure, each multiplied by the plan's weight of its
     * pattern: {@code priority = location score × pattern prior × plan weight × mutation weight}.
     *
     * @param file        the original file
     * @param lines       its suspicious lines
     * @param failureKind the kind of failure of the job's baseline, or {@code null} when unknown
     * @param weights     pattern → multiplier from the plan ({@code PlanProposed.patternWeights}, already bounded
     *                    there); a pattern not named, or named with a non-finite or non-positive value, weighs 1
     * @return ranked mutants (most promising first) and the problems met
     */
    public Proposal propose(SourceFile file, List<SuspiciousLine> lines, String failureKind, Map<String, Double> weights) {
        Optional<CompilationUnit> unit = JavaSources.parse(file.text());
        if (unit.isEmpty()) {
            return new Proposal(List.of(), List.of(file.path() + " does not parse: "
                    + JavaSources.problem(file.text()).orElse("unknown syntax error")));
        }
        MutationContext ctx = new MutationContext(file, unit.get());
        List<Mutant> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Double> priorOf = new HashMap<>();
        for (FixPattern p : patterns) {
            Double w = weights.get(p.name());
            priorOf.put(p.name(), priors.prior(p.name(), failureKind) * (w != null && Double.isFinite(w) && w > 0 ? w : 1.0));
        }
        for (SuspiciousLine loc : lines) {
            List<Mutant> here = new ArrayList<>();
            for (Node target : Targets.at(unit.get(), loc.line())) {
                Optional<Node> member = enclosingMember(target);
                int scopeBegin = member.map(file::begin).orElse(-1);
                int scopeEnd = member.map(file::end).orElse(-1);
                for (FixPattern p : patterns) {
                    List<Mutation> mutations;
                    try {
                        mutations = p.apply(target, ctx);
                    } catch (RuntimeException e) {
                        // one pattern's bug must not cost the others' candidates
                        problems.add(p.name() + " failed at " + file.fileName() + ":" + loc.line() + ": " + e);
                        continue;
                    }
                    if (mutations.size() > MAX_PER_PATTERN) {
                        List<Mutation> sorted = new ArrayList<>(mutations);
                        sorted.sort(Comparator.comparingDouble(Mutation::weight).reversed());
                        mutations = sorted.subList(0, MAX_PER_PATTERN);
                    }
                    for (Mutation m : mutations) {
                        int line = file.lineOf(m.firstOffset());
                        double priority = Math.max(loc.score(), MIN_SCORE) * priorOf.get(p.name()) * m.weight();
                        String description = file.fileName() + ":" + line + " " + m.description()
                                + (deletesOnly(file, m.edits()) ? " " + DELETION_ONLY_MARKER : "");
                        here.add(new Mutant(file, line, p.name(), description, priority, loc.rank(), m.edits(),
                                scopeBegin, scopeEnd));
                    }
                }
            }
            out.addAll(here.size() > MAX_PER_LOCATION ? rank(here).subList(0, MAX_PER_LOCATION) : here);
        }
        if (lines.stream().allMatch(l -> Targets.at(unit.get(), l.line()).isEmpty())) {
            problems.add(file.fileName() + ": no statement at line(s) "
                    + lines.stream().map(l -> String.valueOf(l.line())).distinct().toList());
        }
        out.addAll(CoordinatedEdits.of(out));
        return new Proposal(rank(out), problems);
    }

    /**
     * Mutants of one file with the problems met on the way.
     *
     * @param mutants  ranked mutants, most promising first
     * @param problems one line each
     */
    public record Proposal(List<Mutant> mutants, List<String> problems) {
    }

    /** The nearest member declaration around (or being) the target: its text is enough to re-check a mutation's syntax. */
    private static Optional<Node> enclosingMember(Node target) {
        Node n = target;
        while (n != null) {
            if (n instanceof BodyDeclaration<?> && !(n instanceof TypeDeclaration<?>)) {
                return Optional.of(n);
            }
            n = n.getParentNode().orElse(null);
        }
        return Optional.empty();
    }

    /**
     * @param mutants mutants in generation order
     * @return the same, stably sorted: priority descending, then the smaller edit (so that among equally
     *         promising candidates the smallest plausible patch is verified, and found, first), then location rank
     */
    public static List<Mutant> rank(List<Mutant> mutants) {
        Map<Mutant, Integer> size = new IdentityHashMap<>();
        for (Mutant m : mutants) {
            size.put(m, editSize(m.source(), m.edits()));
        }
        List<Mutant> sorted = new ArrayList<>(mutants);
        sorted.sort(Comparator.comparingDouble(Mutant::priority).reversed()
                .thenComparingInt(size::get)
                .thenComparingInt(Mutant::rank));
        return sorted;
    }

    /**
     * The size of a change: per edit, the characters removed plus the characters inserted once the text
     * the original and the replacement share at both ends is set aside, whitespace not counted
     * ({@code <} → {@code <=} is 1, inserting {@code count++;} is 8).
     *
     * @param source the original file
     * @param edits  the edits
     * @return the number of changed non-blank characters
     */
    public static int editSize(SourceFile source, List<TextEdit> edits) {
        int size = 0;
        for (TextEdit e : edits) {
            String before = source.text(e.begin(), e.end());
            String after = e.replacement();
            int prefix = 0;
            int max = Math.min(before.length(), after.length());
            while (prefix < max && before.charAt(prefix) == after.charAt(prefix)) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < max - prefix
                    && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
                suffix++;
            }
            size += nonBlank(before, prefix, before.length() - suffix) + nonBlank(after, prefix, after.length() - suffix);
        }
        return size;
    }

    /**
     * Whether a change only removes code, and removes a statement or a sub-condition: the tokens of every
     * replacement (braces aside, so that a body emptied to {@code {}} counts) are a proper subsequence of
     * the tokens it replaces, and the tokens removed include a {@code ;}, {@code &&} or {@code ||} — a
     * deleted statement, a dropped check. (Dropping {@code + 1} is an off-by-one fix, not flagged.)
     *
     * @param source the original file
     * @param edits  the edits
     * @return true when the change adds nothing and removes a statement or a condition
     */
    public static boolean deletesOnly(SourceFile source, List<TextEdit> edits) {
        boolean removesLogic = false;
        for (TextEdit e : edits) {
            List<String> before = tokens(source.text(e.begin(), e.end()));
            List<String> after = tokens(e.replacement()).stream().filter(t -> !t.equals("{") && !t.equals("}")).toList();
            if (after.size() >= before.size() || !isSubsequence(after, before)) {
                return false;
            }
            List<String> removed = new ArrayList<>(before);
            after.forEach(removed::remove);
            removesLogic |= removed.contains(";") || removed.contains("&&") || removed.contains("||");
        }
        return removesLogic;
    }

    private static int nonBlank(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static boolean isSubsequence(List<String> small, List<String> big) {
        int i = 0;
        for (String t : big) {
            if (i < small.size() && small.get(i).equals(t)) {
                i++;
            }
        }
        return i == small.size();
    }
}
