package dev.pavu.actuator.proposer;

import dev.pavu.contracts.PartialFix;
import dev.pavu.workspace.diff.ChangeKind;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.Hunk;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Two-location patches: when no single edit made every test pass but some made some of the failing tests pass
 * (partial fixes, which the planner hands over with the plan), pairs of edits are tried as one candidate: first two
 * partial fixes together, then each partial fix with the plan's top-ranked single edits. Bounded: at most
 * {@link #MAX_PAIRS} pairs per plan (and at most half of its candidates), an equal share of them (at least
 * {@link #SINGLES_PER_PARTIAL}) per partial fix. Both edits must lie in the same file and not overlap (an edit of two files is not built).
 *
 * <p>A partial fix arrives as a diff; it is replayed on the checked-out file and becomes one {@link TextEdit} of the
 * original text (the span between the first and last changed character), so it combines with the proposer's edits.
 */
public final class TwoLocationPatches {

    /** The technique's name: the pattern of every pair candidate. */
    public static final String NAME = "two-location";

    /** At most this many pair candidates per plan. */
    public static final int MAX_PAIRS = 24;

    /**
     * Each partial fix is paired with at least this many of the plan's best single edits (when the pair budget
     * allows), and with an equal share of the budget left after the partial-with-partial pairs.
     */
    public static final int SINGLES_PER_PARTIAL = 8;

    private TwoLocationPatches() {
    }

    /**
     * A partial fix as an edit of the original file.
     *
     * @param source      the original file
     * @param edit        the edit that reproduces the partial fix's diff
     * @param pattern     its fix pattern (or {@code ?})
     * @param testsFailed tests that still failed with it
     */
    public record PartialEdit(SourceFile source, TextEdit edit, String pattern, int testsFailed) {

        /** @return 1-based line of the edit */
        public int line() {
            return source.lineOf(edit.begin());
        }

        /** @return one line: pattern and line */
        public String describe() {
            return pattern + " at " + source.fileName() + ":" + line();
        }
    }

    /**
     * Turns a partial fix's diff into an edit of the file it changes.
     *
     * @param fix      the partial fix
     * @param readFile repository path → the file's current text (empty when unreadable)
     * @return the edit, or empty when the diff changes more than one file, creates or deletes one, or does not replay
     */
    public static Optional<PartialEdit> asEdit(PartialFix fix, Function<String, Optional<String>> readFile) {
        List<FilePatch> files;
        try {
            files = UnifiedDiffs.parse(fix.diff());
        } catch (PatchRejectedException e) {
            return Optional.empty();
        }
        if (files.size() != 1 || files.getFirst().kind() != ChangeKind.MODIFY) {
            return Optional.empty();
        }
        FilePatch fp = files.getFirst();
        Optional<String> original = readFile.apply(fp.path());
        if (original.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> patched = replay(original.get(), fp.hunks());
        if (patched.isEmpty() || patched.get().equals(original.get())) {
            return Optional.empty();
        }
        SourceFile source = SourceFile.of(fp.path(), original.get());
        return Optional.of(new PartialEdit(source, span(original.get(), patched.get()),
                fix.pattern() == null ? "?" : fix.pattern(), fix.testsFailed()));
    }

    /**
     * The pair candidates, best first: partial fix with partial fix (fewest remaining failures first), then each
     * partial fix with the best single edits of the same file that do not overlap it.
     *
     * @param partials partial fixes as edits, fewest failing tests first
     * @param singles  the plan's single-edit mutants, most promising first
     * @param max      at most this many pairs
     * @return the pair mutants (pattern {@link #NAME}), in the order to try them
     */
    public static List<Mutant> pairs(List<PartialEdit> partials, List<Mutant> singles, int max) {
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < partials.size(); i++) {
            for (int j = i + 1; j < partials.size() && out.size() < max; j++) {
                PartialEdit a = partials.get(i);
                PartialEdit b = partials.get(j);
                if (a.source().path().equals(b.source().path()) && disjoint(a.edit(), b.edit())) {
                    out.add(pair(a.source(), List.of(a.edit(), b.edit()),
                            a.describe() + " + " + b.describe() + " (two partial fixes)",
                            Math.min(a.line(), b.line())));
                }
            }
        }
        int quota = partials.isEmpty() ? 0 : Math.max(SINGLES_PER_PARTIAL, (max - out.size()) / partials.size());
        for (PartialEdit p : partials) {
            int used = 0;
            for (Mutant m : singles) {
                if (out.size() >= max || used >= quota) {
                    break;
                }
                if (!m.source().path().equals(p.source().path()) || !m.source().text().equals(p.source().text())
                        || m.edits().stream().anyMatch(e -> !disjoint(e, p.edit()))) {
                    continue;
                }
                List<TextEdit> edits = new ArrayList<>(m.edits());
                edits.add(p.edit());
                out.add(pair(p.source(), edits, p.describe() + " + [" + m.pattern() + "] " + m.description(),
                        Math.min(p.line(), m.line())));
                used++;
            }
        }
        return out;
    }

    private static Mutant pair(SourceFile source, List<TextEdit> edits, String description, int line) {
        // priority 1: pairs go before the plan's single edits (the caller keeps that order); scope unknown: whole-file parse
        return new Mutant(source, line, NAME, source.fileName() + ":" + line + " " + description, 1.0, 0, edits, -1, -1);
    }

    /** Two edits that can both apply: separate ranges (two insertions at one offset are not). */
    static boolean disjoint(TextEdit a, TextEdit b) {
        if (a.begin() == b.begin()) {
            return false;
        }
        return a.end() <= b.begin() || b.end() <= a.begin();
    }

    /** The one edit that turns {@code original} into {@code patched}: the span between their common prefix and suffix. */
    static TextEdit span(String original, String patched) {
        int prefix = 0;
        int max = Math.min(original.length(), patched.length());
        while (prefix < max && original.charAt(prefix) == patched.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && original.charAt(original.length() - 1 - suffix) == patched.charAt(patched.length() - 1 - suffix)) {
            suffix++;
        }
        return new TextEdit(prefix, original.length() - suffix, patched.substring(prefix, patched.length() - suffix));
    }

    /** Applies hunks to a text split on {@code \n}; empty when a hunk's old side does not match exactly. */
    static Optional<String> replay(String original, List<Hunk> hunks) {
        List<String> lines = new ArrayList<>(Arrays.asList(original.split("\n", -1)));
        int shift = 0;
        for (Hunk h : hunks) {
            List<String> old = h.oldLines();
            int at = (h.oldCount() == 0 ? h.oldStart() : h.oldStart() - 1) + shift;
            if (at < 0 || at + old.size() > lines.size()) {
                return Optional.empty();
            }
            for (int k = 0; k < old.size(); k++) {
                if (!stripCr(lines.get(at + k)).equals(stripCr(old.get(k)))) {
                    return Optional.empty();
                }
            }
            String eol = !old.isEmpty() && lines.get(at).endsWith("\r") ? "\r" : "";
            List<String> fresh = h.newLines().stream().map(l -> stripCr(l) + eol).toList();
            lines.subList(at, at + old.size()).clear();
            lines.addAll(at, fresh);
            shift += fresh.size() - old.size();
        }
        return Optional.of(String.join("\n", lines));
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
