package dev.pavu.updater.rest;

import dev.pavu.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.pavu.updater.repository.StatsRepository;
import dev.pavu.updater.repository.SummaryRepository;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Success statistics computed from the audit log. */
@Path("/stats")
@RolesAllowed(Role.SERVICE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    /** Window of {@code GET /stats/summary} without {@code since}. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private final StatsRepository stats;
    private final SummaryRepository summaries;

    public StatsResource(StatsRepository stats, SummaryRepository summaries) {
        this.stats = stats;
        this.summaries = summaries;
    }

    /**
     * @param since ISO-8601 instant, e.g. {@code 2026-12-01T00:00:00Z}; default 7 days ago
     * @return outcomes, success rate, time to patch, candidates per job, top failure kinds and winning patterns of
     *         the jobs submitted since then; 400 problem for a malformed {@code since}
     */
    @GET
    @Path("/summary")
    @Operation(summary = "Outcomes, success rate, time to patch, candidates per job, top failure kinds and patterns")
    public SummaryView summary(@QueryParam("since") String since) {
        Instant from;
        try {
            from = since == null || since.isBlank() ? Instant.now().minus(DEFAULT_WINDOW) : Instant.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, was '" + since + "'");
        }
        return summaries.summary(from);
    }

    /** @return candidates and PASS counts per fix pattern, per failure kind, and per both */
    @GET
    @Path("/patterns")
    @Operation(summary = "Verified candidates and PASS counts per fix pattern and per failure kind")
    public PatternStatsView patterns() {
        return new PatternStatsView(
                stats.byPattern().stream().map(PatternStatsView.Row::of).toList(),
                stats.byFailureKind().stream().map(PatternStatsView.Row::of).toList(),
                stats.byFailureKindAndPattern().stream().map(PatternStatsView.Row::of).toList(),
                Instant.now());
    }
}
