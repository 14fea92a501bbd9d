package dev.pavu.actuator.rest;

import dev.pavu.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.pavu.actuator.proposer.CandidateFactory;
import dev.pavu.actuator.proposer.SourceFile;
import dev.pavu.actuator.proposer.SuspiciousLine;
import dev.pavu.actuator.proposer.TemplateProposer;
import dev.pavu.workspace.diff.PathPolicy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Debugging aid: the template proposer's candidates for one file and line, without Kafka, a plan or a
 * checkout. The file is written to a temporary directory so that every diff is dry-run as in a plan.
 */
@Path("/candidates")
@RolesAllowed(Role.SUBMITTER_ROLE)
@Tag(name = "candidates", description = "Preview the template proposer")
public class PreviewResource {

    /** Default and upper bound of {@code maxCandidates}. */
    static final int DEFAULT_MAX = 50;
    static final int MAX = 500;

    private final TemplateProposer proposer;

    /**
     * @param proposer the template proposer (the same as for plans)
     */
    public PreviewResource(TemplateProposer proposer) {
        this.proposer = proposer;
    }

    /**
     * @param request the file and line(s)
     * @return 200 with the candidates, or 400 with a problem body
     */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview candidate patches for one Java file",
            description = "Runs every fix pattern at the given line(s) of the file and returns the checked candidates "
                    + "(unified diffs), ranked as in a REPAIR plan where each line has score 1.")
    @APIResponse(responseCode = "200", description = "the candidates, most promising first",
            content = @Content(schema = @Schema(implementation = PreviewResponse.class)))
    @APIResponse(responseCode = "400", description = "no content, no line, or a line outside the file",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response preview(PreviewRequest request) {
        if (request == null || request.content() == null || request.content().isEmpty()) {
            return bad("content is required: the Java file's text");
        }
        String path;
        try {
            path = PathPolicy.normalise(request.path() == null || request.path().isBlank() ? "Preview.java" : request.path());
        } catch (RuntimeException e) {
            return bad("path is not acceptable: " + e.getMessage());
        }
        List<Integer> lines = request.lines() != null && !request.lines().isEmpty() ? request.lines()
                : request.line() == null ? List.of() : List.of(request.line());
        SourceFile file = SourceFile.of(path, request.content());
        if (lines.isEmpty()) {
            return bad("line (or lines) is required: the 1-based suspicious line");
        }
        for (Integer l : lines) {
            if (l == null || l < 1 || l > file.lineCount()) {
                return bad("line " + l + " is outside the file (1.." + file.lineCount() + ")");
            }
        }
        int max = request.maxCandidates() == null ? DEFAULT_MAX : Math.max(1, Math.min(MAX, request.maxCandidates()));
        List<SuspiciousLine> suspicious = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            suspicious.add(new SuspiciousLine(lines.get(i), 1.0, i));
        }
        java.nio.file.Path dir = null;
        try {
            dir = Files.createTempDirectory("pavu-preview-");
            java.nio.file.Path target = dir.resolve(path).normalize();
            Files.createDirectories(target.getParent());
            Files.writeString(target, request.content(), StandardCharsets.UTF_8);
            TemplateProposer.Proposal p = proposer.propose(file, suspicious);
            CandidateFactory.Selection s = CandidateFactory.against(dir).select(p.mutants(), max, Set.of());
            List<String> problems = new ArrayList<>(p.problems());
            problems.addAll(s.rejections());
            return Response.ok(new PreviewResponse(s.candidates().stream()
                    .map(c -> new PreviewResponse.PreviewCandidate(c.pattern(), c.description(), c.priority(), c.diff()))
                    .toList(), s.rejected(), problems)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    private static Response bad(String detail) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ProblemBody("Bad request", 400, detail)).build();
    }

    private static void deleteTree(java.nio.file.Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
