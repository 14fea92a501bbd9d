package dev.pavu.gateway.retention;

import dev.pavu.kit.auth.Role;
import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Retention of model-call bodies ({@code POST /v1/retention/drop-bodies}, the service credential only; the planner's
 * retention run calls it per team): sets the request and response text of a tenant's calls made before a moment to
 * {@code null} and stamps {@code bodies_dropped_at}. The rows and their token counts, cost, outcome and times stay, so
 * budgets ({@code GET /v1/usage}) and statistics do not change; such a call no longer serves the cache or a replay.
 * Idempotent: calls already dropped are not counted again.
 */
@Path("/v1/retention")
@RolesAllowed(Role.SERVICE_ROLE)
@Tag(name = "retention", description = "Drop old model-call bodies (Pavu's services only)")
public class CallBodiesResource {

    /**
     * @param team   the tenant (a Pavu team)
     * @param before calls made before this instant lose their bodies
     * @param dryRun count only
     */
    public record Drop(String team, Instant before, Boolean dryRun) {
    }

    /**
     * @param team   the tenant
     * @param calls  calls whose bodies were (or would be) dropped
     * @param bytes  the bodies' size in bytes (UTF-8 text)
     * @param dryRun whether nothing was changed
     */
    public record Dropped(String team, long calls, long bytes, boolean dryRun) {
    }

    private final EntityManager em;

    public CallBodiesResource(EntityManager em) {
        this.em = em;
    }

    /**
     * @param drop tenant, moment and dry-run flag
     * @return how many calls and bytes; 400 when team or before is missing
     */
    @POST
    @Path("/drop-bodies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Drop the request and response bodies of a team's model calls made before a moment (token counts stay)")
    public Dropped drop(Drop drop) {
        if (drop == null || drop.team() == null || drop.team().isBlank() || drop.before() == null) {
            throw new BadRequestException("give team and before (an ISO-8601 instant): the calls of that team made before it lose their bodies");
        }
        OffsetDateTime before = OffsetDateTime.ofInstant(drop.before(), ZoneOffset.UTC);
        String where = " from model_calls where tenant = :team and created_at < :before and bodies_dropped_at is null";
        Object[] row = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(coalesce(octet_length(request_json), 0) "
                + "+ coalesce(octet_length(response_text), 0)), 0)" + where)
                .setParameter("team", drop.team()).setParameter("before", before).getSingleResult();
        long calls = ((Number) row[0]).longValue();
        long bytes = ((Number) row[1]).longValue();
        boolean dry = Boolean.TRUE.equals(drop.dryRun());
        if (!dry && calls > 0) {
            em.createNativeQuery("update model_calls set request_json = null, response_text = null, bodies_dropped_at = now()"
                            + " where tenant = :team and created_at < :before and bodies_dropped_at is null")
                    .setParameter("team", drop.team()).setParameter("before", before).executeUpdate();
            Log.infof("retention: dropped the bodies of %d model call(s) of team %s made before %s (%d bytes)", calls,
                    drop.team(), drop.before(), bytes);
        }
        return new Dropped(drop.team(), calls, bytes, dry);
    }
}
