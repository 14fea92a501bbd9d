package dev.pavu.updater.rest;

import dev.pavu.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.pavu.updater.repository.StatsRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/** Success statistics computed from the audit log. */
@Path("/stats")
@RolesAllowed(Role.SERVICE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatsRepository stats;

    public StatsResource(StatsRepository stats) {
        this.stats = stats;
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
