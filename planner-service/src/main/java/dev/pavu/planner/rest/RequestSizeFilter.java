package dev.pavu.planner.rest;

import dev.pavu.planner.config.PlannerConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * Refuses a {@code POST /jobs} whose declared {@code Content-Length} is past the configured limits with a 413 problem
 * before its body is read: JSON bodies past {@code pavu.planner.limits.max-json-bytes}, multipart uploads past
 * {@code max-upload-bytes} plus {@code max-json-bytes}. A body sent without a length is checked once received
 * (the uploaded bundle's size, each text's size); {@code quarkus.http.limits.max-body-size} caps both.
 */
public class RequestSizeFilter {

    private final PlannerConfig config;

    public RequestSizeFilter(PlannerConfig config) {
        this.config = config;
    }

    /**
     * @param request the request, before matching
     * @return a 413 problem response, or empty to go on
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> declaredLength(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().replaceAll("/+$", "").equals("/jobs")) {
            return Optional.empty();
        }
        long length = request.getLength();
        if (length < 0) {
            return Optional.empty();
        }
        long json = config.limits().maxJsonBytes().asLongValue();
        MediaType type = request.getMediaType();
        boolean multipart = type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE);
        long max = multipart ? config.limits().maxUploadBytes().asLongValue() + json : json;
        if (length <= max) {
            return Optional.empty();
        }
        String field = multipart ? "bundle" : "body";
        String message = multipart
                ? "the upload has " + length + " bytes, more than the limit of " + max + " bytes "
                        + "(pavu.planner.limits.max-upload-bytes for the bundle plus max-json-bytes for the job); upload a "
                        + "smaller bundle, e.g. 'git bundle create repo.bundle HEAD' holds one branch only"
                : "the request body has " + length + " bytes, more than the limit of " + max + " bytes "
                        + "(pavu.planner.limits.max-json-bytes); shorten the task or send only the end of the error log";
        return Optional.of(ProblemMappers.respond(new Problem("urn:pavu:problem:too-large", "Payload too large", 413,
                field + ": " + message, List.of(new Problem.FieldError(field, message)))));
    }
}
