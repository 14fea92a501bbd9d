package dev.pavu.updater.graph;

import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.kit.auth.Role;
import dev.pavu.updater.graph.GraphModel.EdgeKind;
import dev.pavu.updater.graph.GraphViews.GraphView;
import dev.pavu.updater.graph.GraphViews.MethodEdges;
import dev.pavu.updater.graph.GraphViews.OwnerView;
import dev.pavu.updater.graph.GraphViews.SymbolView;
import dev.pavu.updater.rest.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The code graph of a commit over HTTP, scoped by team like the lesson cards: a caller sees its own team's graphs (the
 * service credential acting for all teams sees every one); another team's graph answers the same 404 as an unknown
 * commit. A graph that is not READY answers 409 on the query endpoints, with a problem body saying whether it is
 * queued, building or failed and why; {@code GET /graph/{sha}} answers its state whatever it is.
 *
 * <p>A commit is given in full (40 or 64 hex digits) or as a unique prefix of at least 7. A method is given as
 * {@code pkg.Type.method} (every overload), {@code pkg.Type.method(ParamType, …)} (parameter types qualified or
 * simple, e.g. {@code com.acme.Money.plus(Money)}) or a bare name ({@code plus}: every method of that name); the
 * answer has one entry per matching method.
 */
@Path("/graph/{sha}")
@RolesAllowed(Role.VIEWER_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class GraphResource {

    static final String SHA_RULE = "[0-9a-fA-F]{7,64}";
    static final String SHA_MESSAGE = "a commit is 7 to 64 hex digits (a full commit id or a unique prefix)";
    static final String LIMIT_RULE = "\\s*\\d{1,9}\\s*";

    private final GraphQueries graphs;
    private final SecurityIdentity identity;

    public GraphResource(GraphQueries graphs, SecurityIdentity identity) {
        this.graphs = graphs;
        this.identity = identity;
    }

    /**
     * @param sha a commit id or unique prefix
     * @return the graph's status, why it failed or is partial, and its counts
     * @throws ApiException 404 when the caller's team has no graph of that commit, 400 for an ambiguous prefix
     */
    @GET
    @Operation(summary = "A commit's code graph: status (QUEUED, BUILDING, READY, FAILED), reason, counts")
    @APIResponse(responseCode = "200", description = "the graph's state and counts")
    @APIResponse(responseCode = "404", description = "no graph of that commit for the caller's team")
    public GraphView graph(@PathParam("sha") @Pattern(regexp = SHA_RULE, message = SHA_MESSAGE) String sha) {
        return visible(sha).view();
    }

    /**
     * @param sha   a commit id or unique prefix
     * @param q     words, each a prefix of a word of the name (a simple name, a package or type part, a camel-case
     *              word): {@code discount}, {@code Money.pl}, {@code percentFor}
     * @param kind  only TYPE, METHOD, CONSTRUCTOR or FIELD
     * @param limit at most this many, 1–500 (default 50)
     * @return matching symbols, an exact simple name first, then by text rank and name
     */
    @GET
    @Path("/symbols")
    @Operation(summary = "Symbols whose names match words (full-text, prefix)")
    @APIResponse(responseCode = "409", description = "the graph is not READY (queued, building or failed)")
    public List<SymbolView> symbols(@PathParam("sha") @Pattern(regexp = SHA_RULE, message = SHA_MESSAGE) String sha,
            @QueryParam("q") @Size(max = 200, message = "q must be at most 200 characters") String q,
            @QueryParam("kind") @Pattern(regexp = "(?i)TYPE|METHOD|CONSTRUCTOR|FIELD",
                    message = "kind must be TYPE, METHOD, CONSTRUCTOR or FIELD") String kind,
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = LIMIT_RULE, message = "limit must be a whole number")
            @Min(value = 1, message = "limit must be at least 1") @Max(value = 500, message = "limit must be at most 500")
            String limit) {
        List<String> words = q == null ? List.of() : java.util.Arrays.stream(q.split("[^A-Za-z0-9]+"))
                .filter(w -> !w.isEmpty()).map(w -> w.toLowerCase(Locale.ROOT)).limit(10).toList();
        if (words.isEmpty()) {
            throw ApiException.badRequest("give q, words of the names to find, e.g. /graph/" + sha + "/symbols?q=total");
        }
        long id = ready(sha);
        return graphs.search(id, words, kind == null ? null : kind.toUpperCase(Locale.ROOT), Integer.parseInt(limit.strip()))
                .stream().map(GraphQueries.Stored::view).toList();
    }

    /**
     * @param sha    a commit id or unique prefix
     * @param symbol a member's simple name, qualified name or signature
     * @return the types declaring a member of that name, each with its members of that name; empty when none
     */
    @GET
    @Path("/owners-of/{symbol}")
    @Operation(summary = "The types that declare a member (method, constructor, field, nested type) of that name")
    public List<OwnerView> ownersOf(@PathParam("sha") @Pattern(regexp = SHA_RULE, message = SHA_MESSAGE) String sha,
            @PathParam("symbol") @Size(min = 1, max = 1000, message = "a symbol is 1 to 1000 characters") String symbol) {
        return graphs.ownersOf(ready(sha), symbol.strip());
    }

    /**
     * @param query the commit, the method reference (see the class comment) and the limit per method
     * @return each matching method with the methods calling it (resolved call sites), by first call line
     * @throws ApiException 404 when no method matches
     */
    @GET
    @Path("/callers/{method}")
    @Operation(summary = "The methods that call a method (resolved calls)")
    public List<MethodEdges> callers(@BeanParam @Valid EdgeQuery query) {
        return edges(query, EdgeKind.CALLS, false);
    }

    /**
     * @param query the commit, the method reference (see the class comment) and the limit per method
     * @return each matching method with the project methods it calls (resolved call sites), by first call line
     * @throws ApiException 404 when no method matches
     */
    @GET
    @Path("/callees/{method}")
    @Operation(summary = "The project methods a method calls (resolved calls)")
    public List<MethodEdges> callees(@BeanParam @Valid EdgeQuery query) {
        return edges(query, EdgeKind.CALLS, true);
    }

    /**
     * @param query the commit, the method reference (see the class comment) and the limit per method
     * @return each matching method with the test methods reaching it through calls ({@code line}: the steps), nearest
     *         first
     * @throws ApiException 404 when no method matches
     */
    @GET
    @Path("/tests-reaching/{method}")
    @Operation(summary = "The test methods that reach a method through calls (within pavu.graph.reach-depth steps)")
    public List<MethodEdges> testsReaching(@BeanParam @Valid EdgeQuery query) {
        return edges(query, EdgeKind.TEST_REACHES, false);
    }

    /**
     * Bean Validation failures of this resource's parameters as the updater's problem body (400).
     *
     * @param e the violations
     * @return 400 with each violated rule's message
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted()
                .distinct().collect(Collectors.joining("; "));
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(ApiException.badRequest(detail).problem()).build();
    }

    private List<MethodEdges> edges(EdgeQuery query, EdgeKind kind, boolean outgoing) {
        String sha = query.sha;
        String method = query.method;
        long id = ready(sha);
        List<GraphQueries.Stored> matches = MethodRefs.find(graphs, id, method.strip());
        if (matches.isEmpty()) {
            throw ApiException.notFound("no method or constructor '" + clip(method) + "' in the graph of " + sha
                    + "; give pkg.Type.method, pkg.Type.method(ParamType, ...) or a method name "
                    + "(find it with /graph/" + sha + "/symbols?q=...)");
        }
        int n = query.limitValue();
        return matches.stream().map(m -> new MethodEdges(m.view(), graphs.neighbours(id, m.id(), kind, outgoing, n)))
                .toList();
    }

    private GraphQueries.Found visible(String sha) {
        String team = PavuAuth.team(identity).orElse(null);
        List<GraphQueries.Found> found = team == null && !PavuAuth.isService(identity) ? List.of()
                : graphs.find(team, sha);
        if (found.isEmpty()) {
            throw ApiException.notFound("no code graph of commit " + sha + " (no job of your team has planned on "
                    + "that commit yet, graphs are off, or it is not your team's)");
        }
        if (found.stream().map(f -> f.view().commit()).distinct().count() > 1) {
            throw ApiException.badRequest("commit prefix " + sha + " is ambiguous: give more digits");
        }
        return found.getFirst();
    }

    private long ready(String sha) {
        GraphQueries.Found f = visible(sha);
        GraphView v = f.view();
        return switch (v.status()) {
            case "READY" -> f.id();
            case "FAILED" -> throw ApiException.conflict("the code graph of " + v.commit() + " FAILED after "
                    + v.attempts() + " attempt(s): " + v.reason());
            default -> throw ApiException.conflict("the code graph of " + v.commit() + " is " + v.status()
                    + (v.reason() != null ? " (last attempt: " + v.reason() + ")" : "")
                    + " since " + (v.startedAt() != null ? v.startedAt() : v.requestedAt()) + "; retry shortly");
        };
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
