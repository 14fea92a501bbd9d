package dev.pavu.planner.report;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.localisation.SpectrumFormula;
import dev.pavu.planner.ranking.RankedPatch;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.Hunk;
import dev.pavu.workspace.diff.HunkLine;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Renders a {@link JobReport} as GitHub-flavoured Markdown: the job, the baseline, the top
 * {@value #TOP_LOCATIONS} of the fault-localisation ranking, the decisions of the plans, the candidates in the
 * order they were verified, the top plausible patches as the job ranked them, and the final patch in a {@code diff}
 * block — flagged "possibly overfitting" when a plausible patch only deletes code. Pure: the same report gives the same text.
 */
public final class ReportRenderer {

    /** Ranked statements shown. */
    public static final int TOP_LOCATIONS = 20;
    /** Longest table cell (messages, reasons), characters; longer text is cut with an ellipsis. */
    static final int MAX_CELL = 240;
    /** What a plan without a recorded decision did. */
    static final String NO_DECISION = "template search";

    private ReportRenderer() {
    }

    /**
     * @param r the report
     * @return Markdown ending with a newline
     */
    public static String render(JobReport r) {
        StringBuilder md = new StringBuilder();
        JobReport.Job j = r.job();
        md.append("# Pavu job report ").append(code(String.valueOf(j.id()))).append("\n\n");
        if (r.auditNote() != null) {
            md.append("> Note: per-candidate details and decisions are missing: ").append(oneLine(r.auditNote(), 500))
                    .append("\n\n");
        }
        job(md, r);
        baseline(md, r.baseline());
        ranking(md, r.ranking());
        decisions(md, r.plans());
        candidates(md, r);
        plausible(md, r);
        patch(md, r);
        return md.toString();
    }

    /**
     * A plausible patch that only deletes code often makes the tests pass by removing what they exercise.
     *
     * @param diff a unified diff ({@code null} or blank: nothing)
     * @return true when the diff removes at least one non-blank line and adds no non-blank line
     */
    public static boolean onlyDeletesCode(String diff) {
        if (diff == null || diff.isBlank()) {
            return false;
        }
        List<FilePatch> files;
        try {
            files = UnifiedDiffs.parse(diff);
        } catch (PatchRejectedException e) {
            return false;
        }
        boolean removes = false;
        for (FilePatch f : files) {
            for (Hunk h : f.hunks()) {
                for (HunkLine l : h.lines()) {
                    if (l.op() == HunkLine.Op.ADD && !l.text().isBlank()) {
                        return false;
                    }
                    if (l.op() == HunkLine.Op.DELETE && !l.text().isBlank()) {
                        removes = true;
                    }
                }
            }
        }
        return removes;
    }

    private static void job(StringBuilder md, JobReport r) {
        JobReport.Job j = r.job();
        md.append("## Job\n\n| | |\n|---|---|\n");
        row(md, "source", source(j.source()));
        row(md, "commit", j.source() == null || j.source().commit() == null ? "not resolved yet" : code(j.source().commit()));
        row(md, "task", (j.taskKind() == null ? "" : j.taskKind() + ": ") + cell(j.task()));
        row(md, "budget", budget(j.budget()));
        row(md, "state", j.state());
        row(md, "outcome", j.outcome() == null ? "running" : "**" + j.outcome() + "**");
        row(md, "reason", j.reason() == null ? "—" : cell(j.reason()));
        row(md, "duration", duration(j.durationMs()) + (j.outcome() == null ? " so far" : ""));
        row(md, "iterations", String.valueOf(j.iterations()));
        row(md, "candidates", j.candidatesProposed() + " proposed, " + j.candidatesVerified() + " verified, "
                + j.candidatesFailed() + " failed");
        md.append('\n');
    }

    private static void baseline(StringBuilder md, JobReport.Baseline b) {
        md.append("## Baseline\n\n");
        if (b == null) {
            md.append("No baseline verdict yet.\n\n");
            return;
        }
        StringBuilder line = new StringBuilder();
        line.append("Tests run: ").append(b.testsRun() == null ? "unknown" : b.testsRun());
        int failingCount = b.testsFailed() != null ? b.testsFailed() : b.failing().size();
        line.append(", failing: ").append(failingCount);
        if (b.verdict() != null) {
            line.append(" (verdict ").append(b.verdict());
            if (b.reason() != null) {
                line.append(": ").append(oneLine(b.reason(), MAX_CELL));
            }
            line.append(')');
        }
        if (b.durationMs() != null) {
            line.append(", in ").append(duration(b.durationMs()));
        }
        md.append(line).append(".\n\n");
        if (b.failing().isEmpty()) {
            return;
        }
        md.append("| failing test | kind | message |\n|---|---|---|\n");
        for (TestFailure f : b.failing()) {
            String id = f.testId() != null ? f.testId() : f.className() + "#" + f.methodName();
            md.append("| ").append(code(id)).append(" | ").append(f.kind() == null ? "" : cell(f.kind())).append(" | ")
                    .append(f.message() == null ? "(no message)" : cell(f.message())).append(" |\n");
        }
        md.append('\n');
    }

    private static void ranking(StringBuilder md, List<SuspiciousLocation> ranking) {
        md.append("## Fault localisation\n\n");
        if (ranking.isEmpty()) {
            md.append("No ranking (the baseline has not failed, or localisation found no statement).\n\n");
            return;
        }
        int shown = Math.min(TOP_LOCATIONS, ranking.size());
        md.append("Top ").append(shown).append(" of ").append(ranking.size()).append(" ranked statements.\n\n");
        md.append("| # | location | method | score | evidence |\n|---:|---|---|---:|---|\n");
        for (int i = 0; i < shown; i++) {
            SuspiciousLocation l = ranking.get(i);
            String method = l.methodName() == null ? "" : code((l.className() == null ? "" : l.className() + "#") + l.methodName());
            md.append("| ").append(i + 1).append(" | ").append(code(l.file() + ":" + l.line())).append(" | ").append(method)
                    .append(" | ").append(String.format(Locale.ROOT, "%.3f", l.score())).append(" | ")
                    .append(l.evidence() == null ? "" : cell(l.evidence())).append(" |\n");
        }
        md.append('\n');
        evidenceLegend(md, ranking.subList(0, shown));
    }

    /**
     * One line per evidence source in the shown ranking, naming the spectrum formula with its paper, so that a
     * reader knows what a score means.
     */
    private static void evidenceLegend(StringBuilder md, List<SuspiciousLocation> shown) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (SuspiciousLocation l : shown) {
            if (l.evidence() != null) {
                names.addAll(List.of(l.evidence().split("\\+")));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        md.append("Evidence (a statement named by several sources keeps its best score, +0.05 per other source):\n\n");
        for (String n : names) {
            SpectrumFormula f = SpectrumFormula.named(n);
            String what = f != null ? "spectrum-based, over the baseline's per-test line coverage: " + f.description()
                    : switch (n) {
                        case "stack-trace" -> "frames of the failing tests' stack traces in main code";
                        case "call-graph" -> "main code the failing tests call (parsed call graph)";
                        default -> null;
                    };
            if (what != null) {
                md.append("- ").append(code(n)).append(": ").append(what).append('\n');
            }
        }
        md.append('\n');
    }

    private static void decisions(StringBuilder md, List<JobReport.Plan> plans) {
        md.append("## Decisions\n\n");
        if (plans.isEmpty()) {
            md.append("No plan yet.\n\n");
            return;
        }
        for (JobReport.Plan p : plans) {
            md.append("- iteration ").append(p.iteration()).append(" (").append(p.kind());
            if (p.kind() != PlanKind.BASELINE) {
                if (p.locationCount() > 0) {
                    md.append(", statements ").append(p.locationFrom() + 1).append('–').append(p.locationFrom() + p.locationCount());
                }
                md.append(", up to ").append(p.maxCandidates()).append(" candidates");
                if (p.candidateCount() != null) {
                    md.append("; ").append(p.candidateCount()).append(" proposed");
                    if (p.rejectedCount() != null && p.rejectedCount() > 0) {
                        md.append(", ").append(p.rejectedCount()).append(" rejected");
                    }
                }
            }
            md.append("): ");
            Decision d = p.decision();
            if (d == null) {
                md.append("**").append(NO_DECISION).append("**");
            } else {
                md.append("**").append(d.strategy() == null ? NO_DECISION : oneLine(d.strategy(), 80)).append("**");
                if (d.rationale() != null && !d.rationale().isBlank()) {
                    md.append(" — ").append(oneLine(d.rationale(), 500));
                }
                if (!d.numbers().isEmpty()) {
                    md.append(" (").append(numbers(d.numbers())).append(')');
                }
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void candidates(StringBuilder md, JobReport r) {
        md.append("## Candidates\n\n");
        if (r.candidates().isEmpty()) {
            md.append("No candidate verified.");
            if (r.unjudged() > 0) {
                md.append(' ').append(r.unjudged()).append(r.unjudged() == 1 ? " candidate was" : " candidates were")
                        .append(" proposed without a verdict.");
            }
            md.append("\n\n");
            return;
        }
        md.append("In the order they were verified.\n\n");
        md.append("| # | iteration | pattern | description | verdict | reason | duration |\n|---:|---:|---|---|---|---|---:|\n");
        int n = 0;
        for (JobReport.Candidate c : r.candidates()) {
            n++;
            String verdict = String.valueOf(c.verdict());
            if (c.winner()) {
                verdict = "**" + verdict + "** (plausible patch)";
            }
            md.append("| ").append(n).append(" | ").append(c.iteration() < 0 ? "?" : String.valueOf(c.iteration())).append(" | ")
                    .append(c.pattern() == null ? "?" : code(c.pattern())).append(" | ")
                    .append(c.description() == null ? "" : cell(c.description())).append(" | ")
                    .append(verdict).append(" | ")
                    .append(c.reason() == null ? "" : cell(c.reason())).append(" | ")
                    .append(c.durationMs() == null ? "" : duration(c.durationMs())).append(" |\n");
        }
        md.append('\n');
        if (r.unjudged() > 0) {
            md.append(r.unjudged()).append(r.unjudged() == 1 ? " more candidate was" : " more candidates were")
                    .append(" proposed without a verdict.\n\n");
        }
    }

    /** The top plausible patches as the job ranked them (the section is left out when there is none). */
    private static void plausible(StringBuilder md, JobReport r) {
        if (r.plausible().isEmpty()) {
            return;
        }
        md.append("## Plausible patches\n\n");
        md.append(r.plausibleCount()).append(r.plausibleCount() == 1 ? " candidate makes" : " candidates make")
                .append(" all tests pass; ranked by likelihood of being correct (smaller AST change, no deleted behaviour, ")
                .append("the pattern's prior)")
                .append(r.job().outcome() == null ? ", as they rank now" : "; rank 1 is the job's patch")
                .append(r.plausibleCount() > r.plausible().size() ? "; the best " + r.plausible().size() + " shown" : "")
                .append(".\n\n");
        md.append("| rank | candidate | pattern | score | why |\n|---:|---|---|---:|---|\n");
        for (RankedPatch p : r.plausible()) {
            md.append("| ").append(p.rank()).append(" | ").append(code(String.valueOf(p.candidateId()))).append(" | ")
                    .append(p.pattern() == null ? "?" : code(p.pattern())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", p.score())).append(" | ")
                    .append(oneLine(String.join("; ", p.reasons()), 3 * MAX_CELL).replace("|", "\\|")).append(" |\n");
        }
        md.append('\n');
    }

    private static void patch(StringBuilder md, JobReport r) {
        md.append("## Patch\n\n");
        String patch = r.patch();
        Outcome outcome = r.job().outcome();
        if (patch == null) {
            md.append(outcome == null ? "No patch yet: the job is still running.\n"
                    : "No patch: the job concluded " + outcome + ".\n");
            return;
        }
        if (patch.isBlank()) {
            md.append("The empty patch: nothing needed repair.\n");
            return;
        }
        if (onlyDeletesCode(patch)) {
            md.append("> **Possibly overfitting**: this plausible patch only deletes code; it may make the tests pass "
                    + "by removing what they exercise. Review it before applying it.\n\n");
        }
        String fence = "```";
        while (patch.contains(fence)) {
            fence += "`";
        }
        md.append(fence).append("diff\n").append(patch);
        if (!patch.endsWith("\n")) {
            md.append('\n');
        }
        md.append(fence).append('\n');
    }

    private static String source(SourceRef s) {
        if (s == null) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder();
        if ("git".equals(s.kind())) {
            b.append("git ").append(code(s.url() == null ? "?" : s.url()));
            if (s.ref() != null) {
                b.append(" @ ").append(code(s.ref()));
            }
        } else {
            b.append("uploaded bundle");
            if (s.ref() != null) {
                b.append(" @ ").append(code(s.ref()));
            }
        }
        if (s.bundleSha() != null) {
            b.append(" (bundle ").append(code(s.bundleSha().substring(0, Math.min(12, s.bundleSha().length())))).append(')');
        }
        return b.toString();
    }

    private static String budget(Budget b) {
        if (b == null) {
            return "default";
        }
        return b.maxIterations() + " iterations, " + b.maxCandidates() + " candidates, " + duration(b.candidateTimeoutMs())
                + " per candidate, " + duration(b.jobTimeoutMs()) + " per job";
    }

    private static String numbers(Map<String, Double> numbers) {
        StringJoiner j = new StringJoiner(", ");
        numbers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            double v = e.getValue() == null ? Double.NaN : e.getValue();
            String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
            j.add(e.getKey() + "=" + s);
        });
        return j.toString();
    }

    /**
     * @param ms milliseconds
     * @return {@code 850 ms}, {@code 4.2 s}, {@code 2 min 05 s} or {@code 1 h 02 min}
     */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** Text for a table cell: one line, pipes escaped, at most {@link #MAX_CELL} characters. */
    static String cell(String s) {
        return oneLine(s, MAX_CELL).replace("|", "\\|");
    }

    private static String oneLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }

    /** An inline code span for a table cell (backticks in the text become quotes). */
    static String code(String s) {
        return "`" + oneLine(s, MAX_CELL).replace('`', '\'').replace("|", "\\|") + "`";
    }
}
