package dev.pavu.planner.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem, e.g. {@code urn:pavu:problem:invalid-request}
 * @param title  short summary of the kind
 * @param status HTTP status
 * @param detail what exactly went wrong, in words a user can act on
 * @param errors one entry per invalid field (empty when the problem is not about fields)
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** The problem body's media type. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * @param field   JSON path of the field, e.g. {@code budget.maxIterations}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
