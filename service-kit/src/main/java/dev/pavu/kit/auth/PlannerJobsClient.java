package dev.pavu.kit.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * The planner's {@code GET /jobs/{id}}, asked with the service credential on behalf of one team: 200 when the job
 * is that team's, 404 otherwise. Base URL: {@code quarkus.rest-client.pavu-auth.url}.
 */
@RegisterRestClient(configKey = "pavu-auth")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/jobs")
public interface PlannerJobsClient {

    /**
     * @param jobId the job
     * @param team  the team asked for ({@link PavuAuth#TEAM_HEADER})
     * @return the planner's answer (200 with the job, 404 when the team does not see it)
     */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Response job(@PathParam("id") UUID jobId, @HeaderParam(PavuAuth.TEAM_HEADER) String team);
}
