package dev.pavu.actuator.proposer;

import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Turns ranked mutants into candidates, most promising first, until enough are found. A mutant is
 * dropped (with a one-line reason) when its text does not parse (its member re-parsed on its own when
 * the mutation stays inside one, for speed), when its diff equals one already kept
 * or already tried for the job ({@code triedPatchHashes}), or when the diff does not apply to the
 * checkout (dry run).
 */
public final class CandidateFactory {

    /** At most this many rejection reasons are kept as a sample. */
    public static final int MAX_REJECTION_SAMPLE = 30;

    private final DryRun dryRun;

    /**
     * @param dryRun the dry-run check of a diff against the checked-out source
     */
    public CandidateFactory(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    /**
     * @param root the checked-out repository
     * @return a factory that dry-runs every diff against {@code root}
     */
    public static CandidateFactory against(Path root) {
        return new CandidateFactory(diff -> UnifiedDiffs.check(root, diff));
    }

    /**
     * Checks a diff without writing anything.
     */
    @FunctionalInterface
    public interface DryRun {
        /**
         * @param diff a unified diff
         * @throws PatchRejectedException when it does not apply
         */
        void check(String diff);
    }

    /**
     * @param ranked      mutants, most promising first
     * @param max         at most this many candidates
     * @param triedHashes hashes of diffs already verified for the job
     * @return the candidates kept and what was dropped
     */
    public Selection select(List<Mutant> ranked, int max, Collection<String> triedHashes) {
        List<Candidate> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>(triedHashes);
        Set<String> tried = Set.copyOf(triedHashes);
        List<String> rejections = new ArrayList<>();
        int rejected = 0;
        Map<String, Boolean> memberParses = new HashMap<>();
        for (Mutant m : ranked) {
            if (kept.size() >= max) {
                break;
            }
            String reason = null;
            String original = m.source().text();
            String mutated = m.mutatedText();
            String diff = null;
            String hash = null;
            if (mutated.equals(original)) {
                reason = "changes nothing";
            } else if (!parses(m, mutated, memberParses)) {
                reason = "does not parse";
            } else {
                try {
                    diff = UnifiedDiffs.create(m.source().path(), original, mutated);
                    hash = UnifiedDiffs.hash(diff);
                    if (tried.contains(hash)) {
                        reason = "already tried";
                    } else if (!seen.add(hash)) {
                        reason = "duplicate";
                    } else {
                        dryRun.check(diff);
                    }
                } catch (PatchRejectedException e) {
                    reason = "dry-run apply failed: " + e.getMessage().lines().findFirst().orElse("");
                }
            }
            if (reason != null) {
                rejected++;
                if (rejections.size() < MAX_REJECTION_SAMPLE && !"duplicate".equals(reason)) {
                    rejections.add(m.description() + " [" + m.pattern() + "]: " + reason);
                }
                continue;
            }
            kept.add(new Candidate(m.source().path(), m.line(), m.pattern(), m.description(), diff, hash, m.priority()));
        }
        return new Selection(kept, rejected, rejections);
    }

    /**
     * Re-checks the syntax of a mutant: only its member when every edit lies inside one and the original
     * member parses on its own (e.g. a compact record constructor does not), the whole file otherwise.
     */
    private static boolean parses(Mutant m, String mutatedFile, Map<String, Boolean> memberParses) {
        if (m.editsInsideScope()) {
            String key = m.source().path() + "@" + m.scopeBegin();
            boolean originalParses = memberParses.computeIfAbsent(key, k -> JavaSources.parsesAsMember(m.originalScope()));
            if (originalParses) {
                return JavaSources.parsesAsMember(m.mutatedScope());
            }
        }
        return JavaSources.parses(mutatedFile);
    }

    /**
     * @param candidates the candidates kept, most promising first
     * @param rejected   how many mutants were dropped
     * @param rejections a sample of the reasons (duplicates are only counted)
     */
    public record Selection(List<Candidate> candidates, int rejected, List<String> rejections) {
    }
}
