package dev.pavu.kit.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The planner's token introspection ({@code POST /auth/introspect}, service credential only). Base URL:
 * {@code quarkus.rest-client.pavu-auth.url} (default {@code PAVU_PLANNER_URL}).
 */
@RegisterRestClient(configKey = "pavu-auth")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/auth/introspect")
public interface IntrospectionClient {

    /**
     * @param request the token to check
     * @return 200 with a {@link TokenInfo} for a valid token; 404 for an unknown, revoked or expired one
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response introspect(IntrospectionRequest request);

    /** @param token the presented token */
    record IntrospectionRequest(String token) {
    }
}
