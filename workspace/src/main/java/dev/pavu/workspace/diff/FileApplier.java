package dev.pavu.workspace.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies one {@link FilePatch} to the content of one file in memory, with java-diff-utils' {@link Patch}.
 *
 * <p>Hunks are matched line by line, ignoring the difference between {@code \n} and {@code \r\n}, and may sit at
 * an offset from their declared line (as {@code git apply} allows) but no context line may differ (no fuzz).
 * Unchanged lines keep their terminators, new lines get the file's dominant terminator, and a missing final
 * newline stays missing unless the diff's {@code \ No newline at end of file} markers say otherwise.
 */
final class FileApplier {

    private FileApplier() {
    }

    /**
     * @param fp      the file patch ({@code fp.kind()} decides how {@code current} is read)
     * @param current the file's content, or {@code null} when it does not exist
     * @return the new content, or {@code null} when the file is deleted
     */
    static TextFile apply(FilePatch fp, TextFile current) {
        String path = fp.path();
        return switch (fp.kind()) {
            case ADD -> {
                if (current != null) {
                    throw new PatchRejectedException(Reason.DOES_NOT_APPLY, path, "cannot create " + path
                            + ": it already exists; to change it use a diff with '--- a/" + path + "' instead of '--- /dev/null'");
                }
                yield create(fp);
            }
            case MODIFY -> {
                if (current == null) {
                    if (fp.hunks().stream().allMatch(h -> h.oldCount() == 0)) {
                        yield create(fp); // a new file written as a modification: unambiguous, accept it
                    }
                    throw new PatchRejectedException(Reason.DOES_NOT_APPLY, path, "cannot change " + path
                            + ": it does not exist; a diff that creates it must use '--- /dev/null' and '@@ -0,0 +1,n @@'");
                }
                yield modify(fp, current);
            }
            case DELETE -> {
                if (current == null) {
                    throw new PatchRejectedException(Reason.DOES_NOT_APPLY, path, "cannot delete " + path + ": it does not exist");
                }
                if (!fp.hunks().isEmpty()) {
                    TextFile rest = modify(fp, current);
                    if (!rest.lines().isEmpty()) {
                        throw new PatchRejectedException(Reason.DOES_NOT_APPLY, path, "cannot delete " + path + ": the file has "
                                + rest.lines().size() + " line(s) the diff does not remove; regenerate the deletion from the current file");
                    }
                }
                yield null;
            }
        };
    }

    /** The terminator the diff's added lines suggest: CRLF when most of them end with {@code \r}. */
    private static String diffEol(FilePatch fp) {
        long crlf = 0;
        long total = 0;
        for (Hunk h : fp.hunks()) {
            for (HunkLine line : h.lines()) {
                if (line.op() == HunkLine.Op.ADD) {
                    total++;
                    crlf += line.text().endsWith("\r") ? 1 : 0;
                }
            }
        }
        return crlf * 2 > total ? "\r\n" : "\n";
    }

    private static TextFile create(FilePatch fp) {
        List<String> lines = new ArrayList<>();
        for (Hunk h : fp.hunks()) {
            for (String line : h.newLines()) {
                lines.add(stripCr(line));
            }
        }
        String eol = diffEol(fp);
        boolean missing = fp.hunks().stream().anyMatch(Hunk::newMissingNewline);
        List<String> eols = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            eols.add(k == lines.size() - 1 && missing ? "" : eol);
        }
        return new TextFile(lines, eols, false, StandardCharsets.UTF_8);
    }

    private static TextFile modify(FilePatch fp, TextFile current) {
        String path = fp.path();
        List<String> content = current.lines();
        Patch<String> patch = new Patch<>();
        List<AbstractDelta<String>> deltas = new ArrayList<>();
        for (Hunk h : fp.hunks()) {
            if (h.lines().isEmpty()) {
                deltas.add(null);
                continue;
            }
            AbstractDelta<String> delta = new ChangeDelta<>(
                    new Chunk<>(position(h.oldStart(), h.oldCount()), side(h.oldLines(), h.oldStart(), current.bom())),
                    new Chunk<>(position(h.newStart(), h.newCount()), side(h.newLines(), h.newStart(), current.bom())));
            deltas.add(delta);
            patch.addDelta(delta);
        }
        List<String> result;
        try {
            result = patch.applyFuzzy(content, 0);
        } catch (PatchFailedException | RuntimeException e) {
            throw diagnose(fp, deltas, content);
        }
        boolean anyOldMarker = fp.hunks().stream().anyMatch(Hunk::oldMissingNewline);
        boolean anyNewMarker = fp.hunks().stream().anyMatch(Hunk::newMissingNewline);
        boolean missing = anyNewMarker || (!anyOldMarker && current.missingFinalNewline());
        return new TextFile(result, terminators(current, result, missing, diffEol(fp)), current.bom(), current.charset());
    }

    private static int position(int start, int count) {
        return count == 0 ? start : start - 1;
    }

    private static List<String> side(List<String> lines, int start, boolean bom) {
        List<String> out = new ArrayList<>(lines.size());
        for (int k = 0; k < lines.size(); k++) {
            String line = stripCr(lines.get(k));
            if (k == 0 && start <= 1 && bom && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            out.add(line);
        }
        return out;
    }

    static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Unchanged lines keep their terminator; new lines get the dominant one; the last follows {@code missing}. */
    private static List<String> terminators(TextFile current, List<String> result, boolean missing, String diffEol) {
        boolean anyEol = current.eols().stream().anyMatch(e -> !e.isEmpty());
        String dominant = anyEol ? current.dominantEol() : diffEol;
        String[] eols = new String[result.size()];
        Arrays.fill(eols, dominant);
        if (!current.uniformEols()) {
            List<String> before = current.lines();
            int from = 0;
            int to = 0;
            for (AbstractDelta<String> d : DiffUtils.diff(before, result).getDeltas()) {
                while (from < d.getSource().getPosition()) {
                    eols[to++] = nonEmpty(current.eols().get(from++), dominant);
                }
                from += d.getSource().size();
                to += d.getTarget().size();
            }
            while (from < before.size() && to < eols.length) {
                eols[to++] = nonEmpty(current.eols().get(from++), dominant);
            }
        }
        if (eols.length > 0 && missing) {
            eols[eols.length - 1] = "";
        }
        return List.of(eols);
    }

    private static String nonEmpty(String eol, String dominant) {
        return eol.isEmpty() ? dominant : eol;
    }

    /** Finds the first hunk that does not apply and says where and why. */
    private static PatchRejectedException diagnose(FilePatch fp, List<AbstractDelta<String>> deltas, List<String> content) {
        String path = fp.path();
        for (int k = 0; k < deltas.size(); k++) {
            AbstractDelta<String> delta = deltas.get(k);
            if (delta == null) {
                continue;
            }
            Patch<String> single = new Patch<>();
            single.addDelta(delta);
            try {
                single.applyFuzzy(content, 0);
            } catch (PatchFailedException | RuntimeException e) {
                return new PatchRejectedException(Reason.DOES_NOT_APPLY, path,
                        "hunk #" + (k + 1) + " " + fp.hunks().get(k).header() + " of " + path + " does not apply: "
                                + mismatch(delta.getSource(), content)
                                + "; regenerate the hunk from the current content of " + path);
            }
        }
        return new PatchRejectedException(Reason.DOES_NOT_APPLY, path, "the hunks of " + path
                + " each match the file alone but not together: they overlap or are out of order; "
                + "sort them by line and merge overlapping hunks");
    }

    private static String mismatch(Chunk<String> old, List<String> content) {
        List<String> expected = old.getLines();
        int pos = old.getPosition();
        StringBuilder why = new StringBuilder();
        for (int j = 0; j < expected.size(); j++) {
            int at = pos + j;
            if (at >= content.size()) {
                why.append("the diff expects line ").append(at + 1).append(" to be ").append(show(expected.get(j)))
                        .append(" but the file has only ").append(content.size()).append(" lines");
                break;
            }
            if (!content.get(at).equals(expected.get(j))) {
                why.append("line ").append(at + 1).append(" should be ").append(show(expected.get(j)))
                        .append(" but is ").append(show(content.get(at)));
                break;
            }
        }
        if (why.isEmpty()) {
            why.append("its ").append(expected.size()).append(" old lines are not at line ").append(pos + 1);
        }
        why.append(", and its ").append(expected.size()).append(" old lines occur nowhere else in the file");
        if (matchesIgnoringWhitespace(expected, content)) {
            why.append(" (they do when whitespace is ignored: keep the file's indentation exactly)");
        }
        return why.toString();
    }

    private static boolean matchesIgnoringWhitespace(List<String> expected, List<String> content) {
        if (expected.isEmpty()) {
            return false;
        }
        List<String> exp = expected.stream().map(FileApplier::squash).toList();
        outer:
        for (int s = 0; s + exp.size() <= content.size(); s++) {
            for (int j = 0; j < exp.size(); j++) {
                if (!squash(content.get(s + j)).equals(exp.get(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static String show(String line) {
        String s = line.length() > 100 ? line.substring(0, 100) + "…" : line;
        return "`" + s + "`";
    }
}
