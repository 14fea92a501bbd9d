package dev.pavu.cli.command;

import dev.pavu.cli.output.SubmitResult;

import java.io.PrintStream;
import java.util.Locale;

/** The human form of a finished job: outcome and reason, candidates tried, time, and the verified patch. */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void print(SubmitResult r, PrintStream out) {
        out.println();
        out.println("job " + r.jobId() + ": " + (r.outcome() == null ? "STILL RUNNING" : r.outcome()));
        if (r.reason() != null) {
            out.println("  reason:           " + r.reason());
        }
        out.println("  candidates tried: " + r.candidatesTried());
        out.println("  time:             " + String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0));
        if (r.patch() != null && !r.patch().isBlank()) {
            out.println("  verified patch:");
            out.println();
            out.print(r.patch().endsWith("\n") ? r.patch() : r.patch() + "\n");
        } else if (r.succeeded()) {
            out.println("  verified patch:   (empty: nothing needed changing)");
        }
        if (r.resultBranch() != null) {
            String name = r.resultBranch().path("name").asText();
            String state = r.resultBranch().path("state").asText();
            String line = switch (state) {
                case "PUSHED" -> name + " pushed, commit " + r.resultBranch().path("commit").asText();
                case "REQUESTED" -> name + " not pushed yet (" + r.resultBranch().path("reason").asText("waiting")
                        + "); see 'pavu status " + r.jobId() + "'";
                default -> name + " " + state + ": " + r.resultBranch().path("reason").asText();
            };
            out.println("  result branch:    " + line);
        }
        out.flush();
    }
}
