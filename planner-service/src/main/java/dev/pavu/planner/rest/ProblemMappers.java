package dev.pavu.planner.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pavu.planner.source.HostPaths;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Turns exceptions into {@code application/problem+json} answers. */
public class ProblemMappers {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response r = respond(e.problem());
        if (e.retryAfterSeconds() != null) {
            r.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return r;
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource; see /q/swagger-ui for the API";
            case 405 -> "method not allowed on this resource";
            case 406 -> "cannot produce the media type asked for in Accept";
            case 415 -> "unsupported Content-Type: send application/json, or multipart/form-data with a 'bundle' part";
            case 413 -> "the request is larger than the planner accepts (quarkus.http.limits.max-body-size)";
            default -> HostPaths.redact(e.getMessage());
        };
        if (status >= 500) {
            Log.errorf(e, "request failed");
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(new Problem("urn:pavu:problem:http-" + status, title, status, detail, List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.errorf(e, "request failed");
        return respond(new Problem("urn:pavu:problem:internal", "Internal error", 500,
                "the planner failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + HostPaths.redact(e.getMessage())),
                List.of()));
    }

    static Response respond(Problem p) {
        String body;
        try {
            body = MAPPER.writeValueAsString(p);
        } catch (JsonProcessingException ex) {
            body = "{\"status\":" + p.status() + "}";
        }
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
