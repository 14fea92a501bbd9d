package dev.pavu.actuator.proposer.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds where a {@link Hunk}'s old lines are in a file — never a silent misplacement. In order:
 * <ol>
 *   <li><b>exact</b> (trailing white space ignored): one match is taken; several are taken only when exactly
 *       one lies within {@value #HINT_TOLERANCE} lines of the line the model named, otherwise refused as
 *       ambiguous;</li>
 *   <li><b>white space</b>: the same with runs of white space collapsed and indentation ignored;</li>
 *   <li><b>fuzzy</b>: every window of the file as long as the hunk is scored by the mean similarity of its
 *       lines (1 − Levenshtein distance / longer length, on white-space-normalised text). The best window is
 *       taken only when its score reaches {@link Settings#threshold()}, clearly beats the best window elsewhere
 *       (at least half a hunk away) — by {@link Settings#margin()}, or with a third of its differences
 *       (1 − similarity) and a lead of at least {@value #MIN_LEAD} — and every line the hunk removes matches its file
 *       line by {@link Settings#removedLineThreshold()}: a removed line is deleted from the file, so it must be
 *       the line the model meant.</li>
 * </ol>
 * Anything else is refused with the numbers that decided it.
 */
public final class Anchor {

    /** Lines between the model's line number and a match that still count as "at" it. */
    public static final int HINT_TOLERANCE = 3;

    /** Fuzzy search is skipped beyond this many line comparisons (file lines × hunk lines). */
    static final long MAX_COMPARISONS = 400_000;

    /** A window this many times closer (in mismatch, 1 − similarity) than the next best is a clear lead … */
    static final double CLOSER = 3;

    /** … when it is ahead by at least this much. */
    static final double MIN_LEAD = 0.03;

    private Anchor() {
    }

    /**
     * Thresholds of the fuzzy search.
     *
     * @param threshold            lowest mean similarity of a window, in [0, 1]
     * @param margin               how much better than the next best window the chosen one must be
     * @param removedLineThreshold lowest similarity of each removed line to the file line it deletes
     */
    public record Settings(double threshold, double margin, double removedLineThreshold) {
        /** 0.85 / 0.08 / 0.9. */
        public static final Settings DEFAULT = new Settings(0.85, 0.08, 0.9);
    }

    /** Where a hunk goes, or why it cannot be placed. */
    public sealed interface Result permits Placed, Refused {
    }

    /**
     * @param start 0-based first file line of the hunk's old lines
     * @param how   {@code exact}, {@code offset} (exact, not at the named line), {@code whitespace} or {@code fuzzy}
     * @param score mean similarity (1 unless fuzzy)
     */
    public record Placed(int start, String how, double score) implements Result {
    }

    /** @param reason one line: what was found and which threshold it missed */
    public record Refused(String reason) implements Result {
    }

    /**
     * @param file     the file's lines (without line ends)
     * @param hunk     the hunk
     * @param settings fuzzy thresholds
     * @return where its old lines start, or why not
     */
    public static Result locate(List<String> file, Hunk hunk, Settings settings) {
        List<String> old = hunk.oldLines();
        int m = old.size();
        int hint = hunk.hintLine() > 0 ? hunk.hintLine() - 1 : -1;
        if (m == 0) {
            return file.isEmpty() || (file.size() == 1 && file.getFirst().isEmpty()) ? new Placed(0, "exact", 1)
                    : new Refused("the hunk only adds lines and has no context lines to place it by");
        }
        if (m > file.size()) {
            return new Refused("the hunk's " + m + " old lines are more than the file's " + file.size());
        }
        Result r = unique(matches(file, old, false), hint, m, "exact");
        if (r != null) {
            return r;
        }
        r = unique(matches(file, old, true), hint, m, "whitespace");
        if (r != null) {
            return r;
        }
        return fuzzy(file, hunk, old, settings);
    }

    private static List<Integer> matches(List<String> file, List<String> old, boolean loose) {
        List<Integer> at = new ArrayList<>();
        for (int p = 0; p + old.size() <= file.size(); p++) {
            boolean ok = true;
            for (int i = 0; i < old.size() && ok; i++) {
                ok = loose ? norm(file.get(p + i)).equals(norm(old.get(i)))
                        : file.get(p + i).stripTrailing().equals(old.get(i).stripTrailing());
            }
            if (ok) {
                at.add(p);
            }
        }
        return at;
    }

    /** @return the one acceptable match, a refusal when ambiguous, or {@code null} when there is none */
    private static Result unique(List<Integer> at, int hint, int m, String how) {
        if (at.isEmpty()) {
            return null;
        }
        if (at.size() == 1) {
            int p = at.getFirst();
            return new Placed(p, how.equals("exact") && hint >= 0 && Math.abs(p - hint) > HINT_TOLERANCE ? "offset" : how, 1);
        }
        if (hint >= 0) {
            List<Integer> near = at.stream().filter(p -> Math.abs(p - hint) <= HINT_TOLERANCE).toList();
            if (near.size() == 1) {
                return new Placed(near.getFirst(), how, 1);
            }
        }
        return new Refused("ambiguous: the hunk's " + m + " old line" + (m == 1 ? "" : "s") + " match at lines "
                + at.stream().limit(6).map(p -> String.valueOf(p + 1)).reduce((a, b) -> a + ", " + b).orElse("")
                + (at.size() > 6 ? " …" : "") + (hint >= 0 ? " (the model named line " + (hint + 1) + ")" : "")
                + "; give more context");
    }

    private static Result fuzzy(List<String> file, Hunk hunk, List<String> old, Settings s) {
        int m = old.size();
        if ((long) file.size() * m > MAX_COMPARISONS) {
            return new Refused("the hunk's context is not in the file, and the file is too large ("
                    + file.size() + " lines) to search for a similar place");
        }
        String[] o = old.stream().map(Anchor::norm).toArray(String[]::new);
        String[] f = file.stream().map(Anchor::norm).toArray(String[]::new);
        int windows = file.size() - m + 1;
        double[] score = new double[windows];
        for (int p = 0; p < windows; p++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += similarity(o[i], f[p + i]);
            }
            score[p] = sum / m;
        }
        int best = 0;
        for (int p = 1; p < windows; p++) {
            if (score[p] > score[best]) {
                best = p;
            }
        }
        int away = Math.max(1, (m + 1) / 2);
        int second = -1;
        for (int p = 0; p < windows; p++) {
            if (Math.abs(p - best) >= away && (second < 0 || score[p] > score[second])) {
                second = p;
            }
        }
        double s1 = score[best];
        double s2 = second < 0 ? 0 : score[second];
        if (s1 < s.threshold()) {
            return new Refused("context not found: the most similar place, line " + (best + 1) + ", is "
                    + pct(s1) + " similar (at least " + pct(s.threshold()) + " needed)");
        }
        boolean clearLead = s1 - s2 >= s.margin()
                || (s1 - s2 >= MIN_LEAD && (1 - s2) >= CLOSER * (1 - s1));
        if (!clearLead) {
            return new Refused("ambiguous: lines " + (best + 1) + " (" + pct(s1) + ") and " + (second + 1) + " ("
                    + pct(s2) + ") are about as similar to the hunk's context (a lead of " + pct(s.margin())
                    + " or three times fewer differences needed)");
        }
        int i = 0;
        for (Hunk.Line l : hunk.lines()) {
            if (l.kind() == '+') {
                continue;
            }
            if (l.kind() == '-') {
                double ls = similarity(o[i], f[best + i]);
                if (ls < s.removedLineThreshold()) {
                    return new Refused("the line to remove \"" + shorten(old.get(i)) + "\" is only " + pct(ls)
                            + " similar to line " + (best + i + 1) + " \"" + shorten(file.get(best + i))
                            + "\" where the context fits best (" + pct(s.removedLineThreshold()) + " needed)");
                }
            }
            i++;
        }
        return new Placed(best, "fuzzy", s1);
    }

    /**
     * @param a one line (normalised)
     * @param b another
     * @return 1 − Levenshtein distance / longer length; 1 for two empty lines
     */
    public static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        int max = Math.max(a.length(), b.length());
        if (max == 0) {
            return 1;
        }
        return 1 - (double) levenshtein(a, b) / max;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** @return the line stripped, with runs of white space collapsed to one space */
    static String norm(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() > 60 ? t.substring(0, 57) + "…" : t;
    }
}
