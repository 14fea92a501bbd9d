package dev.pavu.planner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.planner.client.UpdaterStatsClient;
import dev.pavu.kit.auth.Role;
import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The periodic summary of what Pavu did ({@code GET /stats/summary?since=}), computed by the updater from its audit
 * log and served here, on the public API, like every other read. The figures cover every team's jobs, so only admins
 * may read them.
 */
@Path("/stats")
@Tag(name = "stats", description = "What Pavu did over a period")
public class StatsResource {

    /** Window without {@code since}. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,5})([mhdw])");

    private final UpdaterStatsClient updater;

    public StatsResource(@RestClient UpdaterStatsClient updater) {
        this.updater = updater;
    }

    /**
     * @param since an ISO-8601 instant ({@code 2026-12-01T00:00:00Z}) or a period back from now ({@code 30m}, {@code 24h},
     *              {@code 7d}, {@code 4w}); default 7 days
     * @return jobs, outcomes, success rate, time to patch (ms: median, mean, p90), candidates per job, the top failure
     *         kinds and winning fix patterns; 400 problem for a malformed {@code since}; 503 problem when the updater
     *         cannot be read
     */
    @GET
    @Path("/summary")
    @RolesAllowed(Role.ADMIN_ROLE) // service-wide figures (every team's jobs): for admins until they are split by team
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Success rate, time to patch, candidates per job, top failure kinds and patterns since a moment")
    public JsonNode summary(@QueryParam("since") String since) {
        Instant from = since(since, Instant.now());
        try {
            return updater.summary(from.toString());
        } catch (RuntimeException e) {
            Log.warnf("the updater's summary could not be read: %s", e.getMessage());
            throw ProblemException.unavailable("the statistics are kept by the updater, which cannot be reached now; "
                    + "retry in a moment");
        }
    }

    /**
     * @param raw an ISO-8601 instant, a period such as {@code 7d}, or {@code null}
     * @param now the current time
     * @return the start of the window
     * @throws ProblemException 400 naming the field when {@code raw} is neither
     */
    static Instant since(String raw, Instant now) {
        if (raw == null || raw.isBlank()) {
            return now.minus(DEFAULT_WINDOW);
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        Matcher m = RELATIVE.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badField("since", "'" + raw + "' is neither an ISO-8601 instant such as "
                    + "2026-12-01T00:00:00Z nor a period such as 30m, 24h, 7d or 4w");
        }
    }
}
