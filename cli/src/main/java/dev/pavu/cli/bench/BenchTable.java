package dev.pavu.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * The table of a bench run as Markdown: one row per program (program, defect class, outcome, candidates tried,
 * time to the first plausible patch, whether it equals the reference fix, its pattern, the job), the notes, and
 * last the summary line {@code fixed: <plausible>/<total> plausible, <n> equal to the reference}. Pure.
 */
public final class BenchTable {

    /** The columns, in order. */
    static final List<String> COLUMNS = List.of("program", "defect class", "outcome", "candidates", "time to plausible",
            "reference fix", "pattern", "job");

    private BenchTable() {
    }

    /**
     * @param title    the heading (without {@code #})
     * @param settings one line on how the run was made (parallelism, limits, planner)
     * @param rows     the rows, in table order
     * @return the Markdown, its last line the {@link #summary summary}, ending with a newline
     */
    public static String markdown(String title, String settings, List<BenchRow> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        if (settings != null && !settings.isBlank()) {
            md.append(settings).append("\n\n");
        }
        md.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
        md.append("|---|---|---|---:|---:|---|---|---|\n");
        for (BenchRow r : rows) {
            md.append("| ").append(cell(r.program()))
                    .append(" | ").append(r.defectClass() == null ? "?" : cell(r.defectClass()))
                    .append(" | ").append(r.plausible() ? "**" + r.outcome() + "**" : cell(r.outcome()))
                    .append(" | ").append(r.candidatesTried() == null ? "—" : r.candidatesTried())
                    .append(" | ").append(r.timeToPlausibleMs() == null ? "—" : duration(r.timeToPlausibleMs()))
                    .append(" | ").append(reference(r))
                    .append(" | ").append(r.pattern() == null ? (r.plausible() ? "?" : "—") : "`" + cell(r.pattern()) + "`")
                    .append(" | ").append(r.jobId() == null ? "—" : "`" + r.jobId() + "`")
                    .append(" |\n");
        }
        List<BenchRow> noted = rows.stream().filter(r -> r.note() != null && !r.note().isBlank()).toList();
        if (!noted.isEmpty()) {
            md.append("\nNotes:\n\n");
            for (BenchRow r : noted) {
                md.append("- ").append(r.program()).append(": ").append(oneLine(r.note())).append('\n');
            }
        }
        md.append(techniques(rows));
        md.append('\n').append(summary(rows)).append('\n');
        return md.toString();
    }

    /**
     * The plausible patches by technique (the winning candidate's fix pattern: {@code two-location},
     * {@code renamed-ingredient-insertion}, ...): how many programs each fixed, how many of those equal the reference,
     * and which. A program has one winning candidate, so a program counts for one technique only: the one whose
     * candidate came first in the search order; no other technique fixed it before.
     *
     * @param rows the rows of a run
     * @return the Markdown section, starting with a blank line; empty when nothing is plausible
     */
    public static String techniques(List<BenchRow> rows) {
        java.util.Map<String, List<BenchRow>> by = new java.util.TreeMap<>();
        rows.stream().filter(BenchRow::plausible)
                .forEach(r -> by.computeIfAbsent(r.pattern() == null ? "?" : r.pattern(), k -> new java.util.ArrayList<>()).add(r));
        if (by.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## By technique\n\n| technique | plausible | equal to the reference | programs |\n"
                + "|---|---:|---:|---|\n");
        by.forEach((t, rs) -> md.append("| `").append(cell(t)).append("` | ").append(rs.size()).append(" | ")
                .append(rs.stream().filter(r -> Boolean.TRUE.equals(r.equalsReference())).count()).append(" | ")
                .append(String.join(", ", rs.stream().map(BenchRow::program).toList())).append(" |\n"));
        return md.toString();
    }

    /**
     * @param rows the rows of a run
     * @return {@code fixed: <plausible>/<total> plausible, <n> equal to the reference}
     */
    public static String summary(List<BenchRow> rows) {
        long plausible = rows.stream().filter(BenchRow::plausible).count();
        long equal = rows.stream().filter(r -> r.plausible() && Boolean.TRUE.equals(r.equalsReference())).count();
        return "fixed: " + plausible + "/" + rows.size() + " plausible, " + equal + " equal to the reference";
    }

    private static String reference(BenchRow r) {
        if (!r.plausible()) {
            return "—";
        }
        if (r.equalsReference() == null) {
            return "?";
        }
        return r.equalsReference() ? "equal" : "different";
    }

    /**
     * @param ms milliseconds
     * @return {@code 850 ms}, {@code 4.2 s} or {@code 2 min 05 s}
     */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
