package dev.pavu.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One line per event of a job's timeline: time, iteration, kind and a short summary, e.g.
 * <pre>
 * 14:02:07  #1  verdict     FAIL  relational-operator-replacement: 2 of 12 tests failed (3.4 s)
 * </pre>
 * Reads the planner's event items ({@code {seq, eventId, type, jobId, iteration, occurredAt, producer, payload}})
 * leniently: a missing field shortens the line, it never fails it.
 */
public final class EventLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final int MAX = 160;

    private final ZoneId zone;

    /** @param zone time zone of the printed times */
    public EventLines(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param event an event item
     * @return its timeline line (no trailing newline)
     */
    public String line(JsonNode event) {
        JsonNode p = event.has("payload") && event.get("payload").isObject() ? event.get("payload") : event;
        String type = Json.text(event, "type", "payload.envelope.type");
        Long iteration = Json.number(event, "iteration", "payload.envelope.iteration");
        String time = time(Json.text(event, "occurredAt", "payload.envelope.occurredAt"));
        String kind = kind(type);
        String summary = summary(kind, p);
        return String.format(Locale.ROOT, "%s  #%s  %-10s  %s", time, iteration == null ? "?" : iteration, kind,
                clip(summary));
    }

    /**
     * @param type a versioned event type, e.g. {@code pavu.verdict.issued.v1}
     * @return its short kind: submitted, plan, candidates, candidate, verdict, concluded, cancelled (or the name)
     */
    public static String kind(String type) {
        if (type == null) {
            return "event";
        }
        String name = type.replaceFirst("^pavu\\.", "").replaceFirst("\\.v\\d+$", "");
        return switch (name) {
            case "job.submitted" -> "submitted";
            case "job.concluded" -> "concluded";
            case "job.cancelled" -> "cancelled";
            case "plan.proposed" -> "plan";
            case "candidates.proposed" -> "candidates";
            case "diff.proposed" -> "candidate";
            case "verdict.issued" -> "verdict";
            default -> name;
        };
    }

    /**
     * @param event an event item
     * @return true for the event that ends a job ({@code pavu.job.concluded.*})
     */
    public static boolean isConclusion(JsonNode event) {
        return "concluded".equals(kind(Json.text(event, "type", "payload.envelope.type")));
    }

    private static String summary(String kind, JsonNode p) {
        return switch (kind) {
            case "submitted" -> {
                String task = Json.text(p, "task.text", "task");
                String src = Json.text(p, "source.url", "source.kind");
                yield (task == null ? "job submitted" : task) + (src == null ? "" : "  [" + src + "]");
            }
            case "plan" -> {
                String planKind = Json.text(p, "kind");
                int locations = p.path("locations").size();
                JsonNode top = p.path("locations").path(0);
                if ("BASELINE".equals(planKind)) {
                    yield "BASELINE: run the tests on the unchanged code";
                }
                String where = top.isMissingNode() ? "" : ", top " + fileName(Json.text(top, "file")) + ":" + Json.text(top, "line")
                        + (top.has("score") ? String.format(Locale.ROOT, " (%.2f)", top.get("score").asDouble()) : "");
                yield (planKind == null ? "plan" : planKind) + ": " + locations + " suspicious location" + (locations == 1 ? "" : "s")
                        + where + ", " + p.path("failingTests").size() + " failing test" + (p.path("failingTests").size() == 1 ? "" : "s");
            }
            case "candidates" -> {
                Long n = Json.number(p, "candidateCount");
                Long rejected = Json.number(p, "rejectedCount");
                String note = Json.text(p, "note");
                yield (n == null ? "?" : n) + " proposed" + (rejected == null || rejected == 0 ? "" : ", " + rejected + " rejected")
                        + (note == null ? "" : " — " + note);
            }
            case "candidate" -> {
                String pattern = Json.text(p, "pattern");
                if (Json.text(p, "diff") == null && ("empty-patch".equals(pattern) || pattern == null)) {
                    yield "baseline (the empty patch)";
                }
                Long index = Json.number(p, "candidateIndex");
                String description = Json.text(p, "description");
                yield (index == null ? "" : "[" + index + "] ") + (pattern == null ? "" : pattern + "  ")
                        + (description == null ? "" : description);
            }
            case "verdict" -> {
                String verdict = Json.text(p, "verdict");
                String pattern = Json.text(p, "pattern");
                String reason = Json.text(p, "reason");
                Long ms = Json.number(p, "durationMs");
                boolean baseline = Json.text(p, "diff") == null;
                yield String.format(Locale.ROOT, "%-7s ", verdict == null ? "?" : verdict)
                        + (baseline ? "baseline" : pattern == null ? "candidate" : pattern)
                        + (reason == null ? "" : ": " + reason)
                        + (ms == null ? "" : String.format(Locale.ROOT, " (%.1f s)", ms / 1000.0));
            }
            case "concluded" -> {
                String outcome = Json.text(p, "outcome");
                String reason = Json.text(p, "reason");
                Long tried = Json.number(p, "candidatesTried");
                Long ms = Json.number(p, "durationMs");
                yield (outcome == null ? "concluded" : outcome) + (reason == null ? "" : ": " + reason)
                        + (tried == null && ms == null ? "" : " (" + (tried == null ? "" : tried + " candidates tried")
                        + (tried != null && ms != null ? ", " : "")
                        + (ms == null ? "" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0)) + ")");
            }
            case "cancelled" -> "cancellation requested" + (Json.text(p, "reason") == null ? "" : ": " + Json.text(p, "reason"));
            default -> Json.text(p, "reason", "note", "description") == null ? "" : Json.text(p, "reason", "note", "description");
        };
    }

    private String time(String iso) {
        if (iso == null) {
            return "--:--:--";
        }
        try {
            return TIME.format(Instant.parse(iso).atZone(zone));
        } catch (DateTimeParseException e) {
            return iso.length() >= 19 ? iso.substring(11, 19) : iso;
        }
    }

    private static String fileName(String path) {
        return path == null ? "?" : path.substring(path.lastIndexOf('/') + 1);
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s*\\R\\s*", " ⏎ ");
        return one.length() > MAX ? one.substring(0, MAX - 1) + "…" : one;
    }
}
