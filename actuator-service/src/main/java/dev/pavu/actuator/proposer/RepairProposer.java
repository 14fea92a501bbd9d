package dev.pavu.actuator.proposer;

import dev.pavu.actuator.config.ActuatorConfig;
import dev.pavu.contracts.FailureKinds;
import dev.pavu.contracts.LoggedFailure;
import dev.pavu.actuator.source.SourceCheckouts;
import dev.pavu.contracts.PartialFix;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.workspace.diff.PathPolicy;
import dev.pavu.workspace.layout.CheckoutFiles;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a REPAIR plan with template candidates: checks out the plan's source, runs the
 * {@link TemplateProposer} at the plan's suspicious locations (Java files only, the most suspicious
 * {@code pavu.actuator.template.max-locations}), ranks all mutants together, and keeps the first
 * {@code maxCandidates} that parse, are new and apply ({@link CandidateFactory}).
 */
@ApplicationScoped
public class RepairProposer {

    private final SourceCheckouts checkouts;
    private final ActuatorConfig config;
    private final TemplateProposer proposer;

    /**
     * @param checkouts read-only checkouts of job sources
     * @param config    the actuator settings
     * @param proposer  the template proposer
     */
    public RepairProposer(SourceCheckouts checkouts, ActuatorConfig config, TemplateProposer proposer) {
        this.checkouts = checkouts;
        this.config = config;
        this.proposer = proposer;
    }

    /**
     * @param plan a REPAIR plan
     * @return the candidates, most promising first, with what was dropped and a summary
     */
    public Answer propose(PlanProposed plan) {
        int max = Math.min(Math.max(plan.maxCandidates(), 0), config.template().maxCandidates());
        if (plan.locations().isEmpty()) {
            return Answer.nothing("the plan has no suspicious locations: the template proposer needs at least one");
        }
        if (max == 0) {
            return Answer.nothing("the plan allows no candidates (maxCandidates = " + plan.maxCandidates() + ")");
        }
        Path root;
        try {
            root = checkouts.checkout(plan.source());
        } catch (RuntimeException e) {
            Log.warnf("plan %s of job %s: source unavailable: %s", plan.planId(), plan.jobId(), e.getMessage());
            return Answer.nothing("source unavailable: " + e.getMessage());
        }
        try {
            return propose(root, plan.locations(), max, plan.triedPatchHashes(), failureKind(plan),
                    plan.partialFixes(), plan.weightsByPattern());
        } catch (RuntimeException e) {
            // a proposer bug must not leave the planner waiting for an answer that never comes
            Log.errorf(e, "plan %s of job %s: the template proposer failed", plan.planId(), plan.jobId());
            return Answer.nothing("the template proposer failed: " + e);
        }
    }

    /**
     * @param root        checked-out repository
     * @param locations   suspicious locations, most suspicious first
     * @param max         at most this many candidates
     * @param triedHashes hashes of diffs already verified for the job
     * @return the answer
     */
    public Answer propose(Path root, List<SuspiciousLocation> locations, int max, List<String> triedHashes) {
        return propose(root, locations, max, triedHashes, null);
    }

    /**
     * @param root        checked-out repository
     * @param locations   suspicious locations, most suspicious first
     * @param max         at most this many candidates
     * @param triedHashes hashes of diffs already verified for the job
     * @param failureKind how the baseline's tests fail (the pattern priors may depend on it), or {@code null}
     * @return the answer
     */
    public Answer propose(Path root, List<SuspiciousLocation> locations, int max, List<String> triedHashes,
                          String failureKind) {
        return propose(root, locations, max, triedHashes, failureKind, List.of());
    }

    /**
     * @param root         checked-out repository
     * @param locations    suspicious locations, most suspicious first
     * @param max          at most this many candidates
     * @param triedHashes  hashes of diffs already verified for the job
     * @param failureKind  how the baseline's tests fail, or {@code null}
     * @param partialFixes candidates that made some failing tests pass, fewest failures first: paired with each other
     *                     and with this plan's best single edits first ({@link TwoLocationPatches}), up to half the plan
     * @return the answer
     */
    public Answer propose(Path root, List<SuspiciousLocation> locations, int max, List<String> triedHashes,
                          String failureKind, List<PartialFix> partialFixes) {
        return propose(root, locations, max, triedHashes, failureKind, partialFixes, Map.of());
    }

    /**
     * @param root           checked-out repository
     * @param locations      suspicious locations, most suspicious first
     * @param max            at most this many candidates
     * @param triedHashes    hashes of diffs already verified for the job
     * @param failureKind    how the baseline's tests fail, or {@code null}
     * @param partialFixes   candidates that made some failing tests pass (see above)
     * @param patternWeights the plan's multipliers of pattern priors ({@code PlanProposed.patternWeights}: the
     *                       planner's search-order evidence); a pattern not named keeps its prior
     * @return the answer
     */
    public Answer propose(Path root, List<SuspiciousLocation> locations, int max, List<String> triedHashes,
                          String failureKind, List<PartialFix> partialFixes, Map<String, Double> patternWeights) {
        long t0 = System.nanoTime();
        root = root.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        Map<String, List<SuspiciousLine>> byFile = new LinkedHashMap<>();
        int rank = 0;
        for (SuspiciousLocation loc : locations) {
            if (rank >= config.template().maxLocations()) {
                break;
            }
            if (loc.file() == null || !loc.file().endsWith(".java")) {
                problems.add("not a Java source, skipped: " + loc.file());
                continue;
            }
            String path;
            try {
                path = PathPolicy.normalise(loc.file());
            } catch (RuntimeException e) {
                problems.add("unsafe path, skipped: " + e.getMessage());
                continue;
            }
            byFile.computeIfAbsent(path, f -> new ArrayList<>()).add(new SuspiciousLine(loc.line(), loc.score(), rank++));
        }
        List<Mutant> mutants = new ArrayList<>();
        for (Map.Entry<String, List<SuspiciousLine>> e : byFile.entrySet()) {
            String text;
            try {
                Optional<String> read = CheckoutFiles.readString(root, e.getKey()); // never through a symbolic link
                if (read.isEmpty()) {
                    problems.add("no such regular file in the checkout (links are not read): " + e.getKey());
                    continue;
                }
                text = read.get();
            } catch (MalformedInputException ex) {
                problems.add(e.getKey() + " is not UTF-8");
                continue;
            } catch (IOException ex) {
                problems.add("cannot read " + e.getKey() + ": " + ex.getMessage());
                continue;
            }
            TemplateProposer.Proposal p = proposer.propose(SourceFile.of(e.getKey(), text), e.getValue(), failureKind,
                    patternWeights);
            mutants.addAll(p.mutants());
            problems.addAll(p.problems());
        }
        List<Mutant> ranked = new ArrayList<>();
        if (!partialFixes.isEmpty()) {
            Path base = root;
            List<TwoLocationPatches.PartialEdit> partials = partialFixes.stream()
                    .map(f -> TwoLocationPatches.asEdit(f, path -> read(base, path)))
                    .flatMap(Optional::stream).toList();
            if (partials.size() < partialFixes.size()) {
                problems.add((partialFixes.size() - partials.size()) + " partial fix(es) not replayable as one edit of one file");
            }
            ranked.addAll(TwoLocationPatches.pairs(partials, TemplateProposer.rank(mutants),
                    Math.min(TwoLocationPatches.MAX_PAIRS, Math.max(1, max / 2))));
        }
        ranked.addAll(TemplateProposer.rank(mutants));
        CandidateFactory.Selection s = CandidateFactory.against(root).select(ranked, max, triedHashes);
        List<String> rejections = new ArrayList<>(problems);
        rejections.addAll(s.rejections());
        Set<String> patterns = new LinkedHashSet<>();
        Set<String> lines = new LinkedHashSet<>();
        s.candidates().forEach(c -> {
            patterns.add(c.pattern());
            lines.add(c.file() + ":" + c.line());
        });
        String note = s.candidates().size() + " candidates from " + patterns.size() + " patterns at " + lines.size()
                + " lines (" + mutants.size() + " mutants at " + byFile.values().stream().mapToInt(List::size).sum()
                + " locations, " + s.rejected() + " dropped, " + (System.nanoTime() - t0) / 1_000_000 + " ms)";
        return new Answer(s.candidates(), s.rejected() + problems.size(),
                rejections.subList(0, Math.min(rejections.size(), CandidateFactory.MAX_REJECTION_SAMPLE)), note);
    }

    private static Optional<String> read(Path root, String path) {
        try {
            return CheckoutFiles.readString(root, PathPolicy.normalise(path));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The proposer's answer to one plan.
     *
     * @param candidates    checked candidates, most promising first
     * @param rejectedCount mutants dropped, and locations that could not be used
     * @param rejections    a sample of reasons, one line each
     * @param note          a one-line summary
     */
    public record Answer(List<Candidate> candidates, int rejectedCount, List<String> rejections, String note) {

        /**
         * @param reason why nothing could be proposed
         * @return an answer without candidates
         */
        public static Answer nothing(String reason) {
            return new Answer(List.of(), 0, List.of(reason), reason);
        }
    }

    /**
     * @param plan a repair plan
     * @return how its baseline fails ({@link FailureKinds#of(List)} of the plan's failing tests); for a job whose tests
     *         pass but whose error log records a crash (FIX_LOG), the simple name of the logged exception; {@code null}
     *         when neither says
     */
    static String failureKind(PlanProposed plan) {
        String kind = FailureKinds.of(plan.failingTests());
        if (kind != null || plan.task() == null) {
            return kind;
        }
        return LoggedFailure.of(plan.task().errorLog())
                .map(f -> f.exception().substring(f.exception().lastIndexOf('.') + 1))
                .orElse(null);
    }
}
