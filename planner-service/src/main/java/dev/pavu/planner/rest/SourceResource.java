package dev.pavu.planner.rest;

import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.source.BundleStore;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;

/**
 * The stored git bundles every service fetches once per source ({@code GET /sources/{sha}}). A user's token sees a
 * bundle only when one of its team's jobs uses it (else 404); Pavu's services see every bundle.
 */
@Path("/sources")
@Tag(name = "sources", description = "Git bundles of resolved sources, content-addressed by SHA-256")
public class SourceResource {

    private final BundleStore store;
    private final SecurityIdentity identity;

    public SourceResource(BundleStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    /**
     * @param sha SHA-256 of the bundle, 64 hex characters
     * @return the bundle bytes ({@code application/octet-stream})
     */
    @GET
    @Path("/{sha}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a stored git bundle")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM))
    @APIResponse(responseCode = "400", description = "not a SHA-256",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown bundle",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("sha") String sha) {
        if (!BundleStore.SHA256.matcher(sha).matches()) {
            throw ProblemException.badField("sha", "expected a SHA-256 of 64 hex characters, got '" + sha + "' ("
                    + sha.length() + " characters)");
        }
        String key = sha.toLowerCase(Locale.ROOT);
        var team = PavuAuth.team(identity);
        if (team.isPresent() && JobEntity.count("bundleSha = ?1 and team = ?2", key, team.get()) == 0) {
            throw ProblemException.notFound("no stored bundle " + key);
        }
        var file = store.find(key).orElseThrow(() -> ProblemException.notFound("no stored bundle " + key));
        return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + key + ".bundle\"")
                .build();
    }
}
