package dev.pavu.updater.graph;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The parameters of {@link GraphResource}'s edge endpoints ({@code callers}, {@code callees}, {@code tests-reaching}),
 * validated by Bean Validation: a violation answers 400 with the rule's message.
 */
public class EdgeQuery {

    /** A commit id or a unique prefix of at least 7 hex digits. */
    @PathParam("sha")
    @Pattern(regexp = GraphResource.SHA_RULE, message = GraphResource.SHA_MESSAGE)
    public String sha;

    /** A method reference: {@code pkg.Type.method}, {@code pkg.Type.method(ParamType, …)} or a bare name. */
    @PathParam("method")
    @Size(min = 1, max = 1000, message = "a method is 1 to 1000 characters")
    public String method;

    /** Neighbours per method at most, 1–1000 (default 200), as text so that a non-number gets the rule's message. */
    @QueryParam("limit")
    @DefaultValue("200")
    @Pattern(regexp = GraphResource.LIMIT_RULE, message = "limit must be a whole number")
    @Min(value = 1, message = "limit must be at least 1")
    @Max(value = 1000, message = "limit must be at most 1000")
    public String limit;

    /** @return {@link #limit} as a number (valid once the bean passed validation) */
    int limitValue() {
        return Integer.parseInt(limit.strip());
    }
}
