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
 * program whose defect class the fix patterns cover, the reference fix must be among the first 200
 * candidates when fault localisation points at the defect's line and its neighbours, and in the top
 * {@link #TOP} (except {@link #LOW_PRIOR} classes). Prints the rank, the pattern that reaches it and the
 * time per program, then a summary. Skipped when the benchmark is not in the checkout.
 */
class BenchmarkReachTest {

    /** Defect classes of {@code bug.json} (see {@code bench/bugs/README.md}) that the fix patterns are meant to fix. */
    static final Set<String> COVERED = Set.of("relational-operator", "arithmetic-operator", "logical-operator",
            "compound-assignment", "off-by-one", "negated-condition", "missing-condition-conjunct", "swapped-arguments",
            "wrong-variable", "wrong-method-call", "wrong-return-value", "missing-null-check", "extra-statement",
            "missing-increment", "swapped-operands", "wrong-constant", "missing-break-or-return", "cast",
            "missing-math-wrapper");

    /** The reference fix of a covered defect class must rank better than this. */
    static final int TOP = 25;

    /**
     * Classes whose fix is a pattern ranked low on purpose: a deletion passes tests by removing behaviour
     * (plausible, often overfitting), so its reference fix must be reached, not ranked near the top.
     */
    static final Set<String> LOW_PRIOR = Set.of("extra-statement");

    @Test
    void referenceFixesOfCoveredDefectClassesAreProposedNearTheTop() throws IOException {
        Path bench = findBench();
        Assumptions.assumeTrue(bench != null, "bench/bugs is not in this checkout");
        ObjectMapper json = new ObjectMapper();
        List<String> table = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
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
                long t0 = System.nanoTime();
                TemplateProposer.Proposal p = TemplateProposer.withDefaults().propose(SourceFile.of(file, buggy), lines);
                CandidateFactory.Selection s = new CandidateFactory(diff -> { }).select(p.mutants(), 200, Set.of());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String hash = UnifiedDiffs.hash(UnifiedDiffs.create(file, buggy, fixed));
                int rank = -1;
                for (int i = 0; i < s.candidates().size(); i++) {
                    if (s.candidates().get(i).hash().equals(hash)) {
                        rank = i;
                        break;
                    }
                }
                String by = rank < 0 ? "" : s.candidates().get(rank).pattern();
                table.add(String.format("%-18s %-26s rank %3d of %3d  %5d ms  %s", dir.getFileName(), defect, rank,
                        s.candidates().size(), ms, by));
                ranks.add(rank);
                if (COVERED.contains(defect) && (rank < 0 || rank >= TOP && !LOW_PRIOR.contains(defect))) {
                    missed.add(dir.getFileName() + " (" + defect + ") rank " + rank);
                }
            }
        }
        long reached = ranks.stream().filter(r -> r >= 0).count();
        table.add(String.format("reached %d/%d; rank 0: %d, top 5: %d, top 10: %d, top 25: %d", reached, ranks.size(),
                ranks.stream().filter(r -> r == 0).count(), ranks.stream().filter(r -> r >= 0 && r < 5).count(),
                ranks.stream().filter(r -> r >= 0 && r < 10).count(), ranks.stream().filter(r -> r >= 0 && r < 25).count()));
        System.out.println(String.join("\n", table));
        assertTrue(missed.isEmpty(), "reference fixes not proposed in the top " + TOP + ": " + missed + "\n" + String.join("\n", table));
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
