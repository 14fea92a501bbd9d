package dev.pavu.kit.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers authentication and authorisation failures of every service's API with the project's problem body
 * ({@code application/problem+json}): 401 without a valid credential, 403 when the role is too weak, 503 when the
 * token store cannot be asked. (Authentication is lazy, {@code quarkus.http.auth.proactive=false}, so that these
 * failures reach the JAX-RS layer.)
 */
public class AuthProblemMappers {

    /** The problem body's media type. */
    public static final String PROBLEM = "application/problem+json";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.status(401).type(PROBLEM).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pavu\"")
                .entity(problem("unauthorized", "Unauthorized", 401, "a valid credential is required: send "
                        + "'Authorization: Bearer <token>' with a Pavu API token (pavu login) or an OIDC access token; "
                        + "the token given, if any, is unknown, revoked or expired"))
                .build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(PROBLEM)
                .entity(problem("forbidden", "Forbidden", 403, "your token's role does not allow this "
                        + "(viewer reads; submitter also submits and cancels; admin also manages tokens)"))
                .build();
    }

    @ServerExceptionMapper(AuthUnavailableException.class)
    public Response unavailable(AuthUnavailableException e) {
        return Response.status(503).type(PROBLEM).header("Retry-After", "5")
                .entity(problem("auth-unavailable", "Service Unavailable", 503,
                        "cannot check the token right now (" + e.getMessage() + "); retry shortly"))
                .build();
    }

    private static Map<String, Object> problem(String kind, String title, int status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "urn:pavu:problem:" + kind);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        return p;
    }
}
