package dev.pavu.actuator.proposer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reach of the template proposer on the repository's bug benchmark ({@code bench/bugs}): for every
 * program whose defect class the main-job patterns cover, the reference fix must be among the
 * candidates when fault localisation points at the defect's line and its neighbours, and near the top.
 * Skipped when the benchmark is not in the checkout.
 */
class BenchmarkReachTest {

    /** Defect classes of {@code bug.json} that the main-job patterns are meant to fix. */
    static final Set<String> COVERED = Set.of("relational-operator", "arithmetic-operator", "logical-operator",
            "compound-assignment", "off-by-one", "swapped-arguments", "wrong-variable", "method-call",
            "return-value", "condition", "null-check", "statement-deletion");

    @Test
    void referenceFixesOfCoveredDefectClassesAreProposedNearTheTop() throws IOException {
        Path bench = findBench();
        Assumptions.assumeTrue(bench != null, "bench/bugs is not in this checkout");
        ObjectMapper json = new ObjectMapper();
        List<String> table = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(bench)) {
            for (Path dir : dirs.sorted().toList()) {
                Path bugJson = dir.resolve("bug.json");
                Path reference = dir.resolve("reference.diff");
                if (!Files.isRegularFile(bugJson) || !Files.isRegularFile(reference)) {
                    continue;
                }
                JsonNode bug = json.readTree(bugJson.toFile());
                String file = bug.path("file").asText();
                int line = bug.path("line").asInt();
                String defect = bug.path("defectClass").asText();
                if (file.isEmpty() || line < 1 || !Files.isRegularFile(dir.resolve(file))) {
                    table.add(dir.getFileName() + ": bug.json names no readable file and line");
                    continue;
                }
                String buggy = Files.readString(dir.resolve(file));
                String fixed = buggy;
                try {
                    Path copy = Files.createTempDirectory("bench-");
                    Files.createDirectories(copy.resolve(file).getParent());
                    Files.writeString(copy.resolve(file), buggy);
                    UnifiedDiffs.apply(copy, Files.readString(reference));
                    fixed = Files.readString(copy.resolve(file));
                } catch (RuntimeException e) {
                    table.add(dir.getFileName() + ": reference.diff does not apply: " + e.getMessage());
                    continue;
                }
                // localisation: the defect line first, then its neighbours (as a stack trace or Ochiai would rank them)
                List<SuspiciousLine> lines = List.of(new SuspiciousLine(line, 1.0, 0),
                        new SuspiciousLine(line - 1, 0.8, 1), new SuspiciousLine(line + 1, 0.8, 2),
                        new SuspiciousLine(line - 2, 0.6, 3), new SuspiciousLine(line + 2, 0.6, 4));
                TemplateProposer.Proposal p = TemplateProposer.withDefaults().propose(SourceFile.of(file, buggy), lines);
                CandidateFactory.Selection s = new CandidateFactory(diff -> { }).select(p.mutants(), 200, Set.of());
                String hash = UnifiedDiffs.hash(UnifiedDiffs.create(file, buggy, fixed));
                int rank = -1;
                for (int i = 0; i < s.candidates().size(); i++) {
                    if (s.candidates().get(i).hash().equals(hash)) {
                        rank = i;
                        break;
                    }
                }
                table.add(String.format("%-18s %-22s rank %3d of %3d", dir.getFileName(), defect, rank, s.candidates().size()));
                if (COVERED.contains(defect) && (rank < 0 || rank >= 25)) {
                    missed.add(dir.getFileName() + " (" + defect + ") rank " + rank);
                }
            }
        }
        System.out.println(String.join("\n", table));
        assertTrue(missed.isEmpty(), "reference fixes not proposed in the top 25: " + missed + "\n" + String.join("\n", table));
    }

    private static Path findBench() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path b = d.resolve("bench/bugs");
            if (Files.isDirectory(b)) {
                return b;
            }
        }
        return null;
    }
}
