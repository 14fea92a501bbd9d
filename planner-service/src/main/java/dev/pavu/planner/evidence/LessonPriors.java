package dev.pavu.planner.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.client.UpdaterLessonsClient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Patterns that fixed similar failures before: the updater's lesson cards nearest to a job's baseline failure
 * ({@code GET /lessons/similar}, the job's team only) weight the patterns of their fixes up in the job's repair plans.
 *
 * <h2>Formula</h2>
 * For the {@code lessonLimit} cards most similar to the failure (cosine similarity {@code s} of their all-MiniLM-L6-v2
 * vectors), each card of a SUCCEEDED job whose fix has a pattern {@code P} and with {@code s ≥ lessonMinScore} gives
 * {@code P} the multiplier {@code 1 + λ·s} ({@code λ = lessonWeight}); a pattern several cards name keeps the largest.
 * The plan's weight of {@code P} is then its failure kind's prior multiplier times this times its partial-fix factor,
 * bounded ({@link PatternPrior#weights}). A pattern no similar card names keeps 1: lessons only move patterns up, they
 * never remove one.
 *
 * <h2>Source</h2>
 * History-driven repair: candidate fixes are ranked by how often similar fixes were made before (Le, Lo and Le Goues,
 * "History Driven Program Repair", SANER 2016); here "similar" is the failure's, not the code's, as in case-based
 * reasoning over past bug reports. The cards are written by the updater from each concluded job's own events.
 *
 * <p>Called when a repair plan is prepared, with no transaction open ({@code Lookahead}); an updater that does not
 * answer (down, 4xx/5xx, a model that cannot load) gives no lessons, never a failed plan.
 */
@ApplicationScoped
public class LessonPriors {

    /** The query's length bound (the updater refuses a longer text). */
    public static final int MAX_QUERY_CHARS = 2000;

    private final UpdaterLessonsClient lessons;
    private final EvidenceConfig config;

    public LessonPriors(@RestClient UpdaterLessonsClient lessons, EvidenceConfig config) {
        this.lessons = lessons;
        this.config = config;
    }

    /**
     * @param task    the job's task (its team scopes the cards)
     * @param failing the baseline's failing tests (the first one's exception and message, and every test's id, make
     *                the query)
     * @return pattern → multiplier ≥ 1; empty when lessons are off, nothing failed, or the updater did not answer
     */
    public Map<String, Double> multipliers(TaskSpec task, List<TestFailure> failing) {
        if (!config.enabled() || config.lessonWeight() <= 0 || failing.isEmpty()) {
            return Map.of();
        }
        try {
            JsonNode answer = lessons.similar(task.team(), query(failing), Math.max(1, Math.min(50, config.lessonLimit())));
            return fromSimilar(answer, config.lessonMinScore(), config.lessonWeight());
        } catch (RuntimeException e) {
            Log.debugf("no lessons for this plan (the updater did not answer: %s)", e.toString());
            return Map.of();
        }
    }

    /**
     * The query, in the form of a lesson card's failure part: {@code <exception>: <message>}, then
     * {@code Failing tests: <ids>}.
     *
     * @param failing the baseline's failing tests (not empty)
     * @return at most {@value #MAX_QUERY_CHARS} characters
     */
    static String query(List<TestFailure> failing) {
        TestFailure first = failing.getFirst();
        String exception = exceptionOf(first.stackTrace());
        String message = first.message() == null ? "" : first.message().strip();
        StringBuilder b = new StringBuilder();
        if (exception != null || !message.isEmpty()) {
            b.append(exception == null ? "" : exception).append(exception == null || message.isEmpty() ? "" : ": ")
                    .append(message.lines().findFirst().orElse("")).append('\n');
        }
        b.append("Failing tests: ").append(failing.stream().map(TestFailure::testId).filter(t -> t != null && !t.isBlank())
                .distinct().limit(20).collect(Collectors.joining(", ")));
        String q = b.toString().strip();
        return q.length() <= MAX_QUERY_CHARS ? q : q.substring(0, MAX_QUERY_CHARS);
    }

    /**
     * @param answer   the updater's answer (a JSON array; anything else gives nothing)
     * @param minScore cards less similar than this are ignored
     * @param weight   λ
     * @return pattern → {@code 1 + λ·s} of the most similar SUCCEEDED card fixed by it
     */
    static Map<String, Double> fromSimilar(JsonNode answer, double minScore, double weight) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (answer == null || !answer.isArray()) {
            return out;
        }
        for (JsonNode hit : answer) {
            double s = hit.path("score").asDouble(Double.NaN);
            JsonNode card = hit.path("card");
            String pattern = card.path("fix").path("pattern").asText(null);
            if (!Double.isFinite(s) || s < minScore || s > 1.0001 || !"SUCCEEDED".equals(card.path("outcome").asText())
                    || pattern == null || pattern.isBlank() || pattern.length() > PartialEvidence.MAX_NAME
                    || out.size() >= dev.pavu.contracts.PlanProposed.MAX_PATTERN_WEIGHTS && !out.containsKey(pattern)) {
                continue;
            }
            out.merge(pattern, 1 + weight * Math.min(1, s), Math::max);
        }
        return out;
    }

    /**
     * @param a pattern → multiplier
     * @param b pattern → multiplier
     * @return their product per pattern (a pattern in one map only keeps its multiplier)
     */
    public static Map<String, Double> combine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> out = new LinkedHashMap<>(a);
        b.forEach((p, m) -> out.merge(p, m, (x, y) -> x * y));
        return out;
    }

    private static String exceptionOf(String trace) {
        if (trace == null || trace.isBlank()) {
            return null;
        }
        String line = trace.strip().lines().findFirst().orElse("");
        int colon = line.indexOf(':');
        String type = (colon < 0 ? line : line.substring(0, colon)).strip();
        return type.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]{0,200}") ? type : null;
    }
}
