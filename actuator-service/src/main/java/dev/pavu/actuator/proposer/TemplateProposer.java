package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The template proposer: at each suspicious line, every {@link FixPattern} proposes mutations of the
 * statements there; each becomes a {@link Mutant} ranked by
 * {@code priority = location score × pattern prior × mutation weight}, in a stable order (ties keep the
 * location rank, then generation order). Checking and de-duplication come after, in
 * {@link CandidateFactory}.
 */
public final class TemplateProposer {

    /** Scores below this still rank (a location with score 0 is not dropped). */
    static final double MIN_SCORE = 0.01;

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
        Optional<CompilationUnit> unit = JavaSources.parse(file.text());
        if (unit.isEmpty()) {
            return new Proposal(List.of(), List.of(file.path() + " does not parse: "
                    + JavaSources.problem(file.text()).orElse("unknown syntax error")));
        }
        MutationContext ctx = new MutationContext(file, unit.get());
        List<Mutant> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SuspiciousLine loc : lines) {
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
                    for (Mutation m : mutations) {
                        int line = file.lineOf(m.firstOffset());
                        double priority = Math.max(loc.score(), MIN_SCORE) * priors.prior(p.name()) * m.weight();
                        out.add(new Mutant(file, line, p.name(), file.fileName() + ":" + line + " " + m.description(),
                                priority, loc.rank(), m.edits(), scopeBegin, scopeEnd));
                    }
                }
            }
        }
        if (lines.stream().allMatch(l -> Targets.at(unit.get(), l.line()).isEmpty())) {
            problems.add(file.fileName() + ": no statement at line(s) "
                    + lines.stream().map(l -> String.valueOf(l.line())).distinct().toList());
        }
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
     * @return the same, stably sorted: priority descending, then location rank
     */
    public static List<Mutant> rank(List<Mutant> mutants) {
        List<Mutant> sorted = new ArrayList<>(mutants);
        sorted.sort(Comparator.comparingDouble(Mutant::priority).reversed().thenComparingInt(Mutant::rank));
        return sorted;
    }
}
