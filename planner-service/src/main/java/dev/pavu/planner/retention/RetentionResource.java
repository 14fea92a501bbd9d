package dev.pavu.planner.retention;

import dev.pavu.kit.auth.AuthConfig;
import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.Role;
import dev.pavu.planner.rest.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * Runs the retention policy on request, for admins ({@code POST /admin/retention/run}): with no body, the configured
 * policy ({@code pavu.retention.*}); with {@code keep} and/or {@code days}, that rule instead. A team's admin expires its
 * own team's jobs; an admin of the operators' team ({@code pavu.auth.default-team}) or the service credential every
 * team's, or the one named in {@code team}. {@code dryRun} lists what would go and changes nothing. Running jobs never
 * expire; the updater's audit log is never touched (its chain is pruned only by {@code POST /audit/jobs/{id}/prune}).
 */
@Path("/admin/retention")
@RolesAllowed(Role.ADMIN_ROLE)
@Tag(name = "retention", description = "Drop old jobs' bundles, logs, model-call bodies and workspaces (admins)")
public class RetentionResource {

    /**
     * The optional body.
     *
     * @param keep   keep this many concluded jobs per team (≥ 0) instead of the configured policy
     * @param days   drop jobs concluded more than this many days ago (≥ 0) instead of the configured policy
     * @param dryRun list what would go, change nothing
     * @param team   only this team (operators only; a team's admin always acts on its own team)
     */
    public record Run(Integer keep, Integer days, Boolean dryRun, String team) {
    }

    private final RetentionService retention;
    private final SecurityIdentity identity;
    private final AuthConfig auth;

    public RetentionResource(RetentionService retention, SecurityIdentity identity, AuthConfig auth) {
        this.retention = retention;
        this.identity = identity;
        this.auth = auth;
    }

    /**
     * @param body optional rule, dry-run flag and team
     * @return the jobs expired (or that would be), the bundles deleted and the bytes the planner freed, per team;
     *         400 problem for a negative {@code keep}/{@code days} or another team named by a team's admin
     */
    @POST
    @Path("/run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Expire old concluded jobs' data now (or list it with dryRun)")
    public RetentionReport run(Run body) {
        Run r = body == null ? new Run(null, null, null, null) : body;
        RetentionPolicy override;
        try {
            override = r.keep() == null && r.days() == null ? null : new RetentionPolicy(r.keep(), r.days());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(r.keep() != null && r.keep() < 0 ? "keep" : "days", e.getMessage());
        }
        boolean dry = Boolean.TRUE.equals(r.dryRun());
        RetentionReport report = retention.run(team(r.team()), override, dry);
        Log.infof("retention run by %s (%s): %d job(s)%s", identity.getPrincipal().getName(),
                override == null ? "configured policy" : "keep=" + r.keep() + " days=" + r.days(), report.jobs(),
                dry ? " would go (dry run)" : " expired");
        return report;
    }

    private Optional<String> team(String requested) {
        Optional<String> mine = PavuAuth.team(identity);
        boolean operator = mine.map(auth.defaultTeam()::equals).orElse(PavuAuth.isService(identity));
        String named = requested == null || requested.isBlank() ? null : requested.strip();
        if (operator) {
            return Optional.ofNullable(named);
        }
        if (named != null && !named.equals(mine.orElse(null))) {
            throw ProblemException.badField("team", "an admin runs retention for its own team only ('" + mine.orElse("") + "')");
        }
        return mine;
    }
}
