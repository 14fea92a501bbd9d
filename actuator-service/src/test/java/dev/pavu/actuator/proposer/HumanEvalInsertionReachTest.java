package dev.pavu.actuator.proposer;

import dev.pavu.actuator.proposer.patterns.RenamedIngredientInsertion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measurement, not a gate: how often the template proposer reaches the fixed version of a HumanEval-Java bug
 * (the public development corpus, {@code ../shared/bugs-dev/humaneval-java}: {@code buggy/}, {@code fixed/},
 * {@code loc.txt}) with and without {@code renamed-ingredient-insertion}, localisation on the lines of
 * {@code loc.txt} (score 1) and one line either side (0.8). A mutant reaches the fix when its text equals the fixed
 * file's, whitespace removed. Rank is among the proposer's mutants before de-duplication and syntax checks.
 * Runs only with {@code -Dpavu.humaneval=DIR} (see {@code bench/insertion/run}); prints one line per bug reached by
 * either run and a summary.
 */
class HumanEvalInsertionReachTest {

    @Test
    void reachWithAndWithoutStatementInsertionWithRenaming() throws IOException {
        String dir = System.getProperty("pavu.humaneval", "");
        Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir, "buggy")), "-Dpavu.humaneval=DIR not given");
        Path root = Path.of(dir);
        TemplateProposer with = TemplateProposer.withDefaults();
        TemplateProposer without = new TemplateProposer(PatternCatalog.defaults().stream()
                .filter(p -> !p.name().equals(RenamedIngredientInsertion.NAME)).toList(), new StaticPatternPriors());
        List<String> rows = new ArrayList<>();
        int bugs = 0;
        int reachedWith = 0;
        int reachedWithout = 0;
        int byInsertion = 0;
        int top25With = 0;
        int top25Without = 0;
        long msWith = 0;
        long msWithout = 0;
        for (String loc : Files.readAllLines(root.resolve("loc.txt"))) {
            String[] parts = loc.trim().split("\\s+");
            Path buggyFile = root.resolve("buggy").resolve(parts[0] + ".java");
            Path fixedFile = root.resolve("fixed").resolve(parts[0] + ".java");
            if (parts.length != 2 || !Files.isRegularFile(buggyFile) || !Files.isRegularFile(fixedFile)) {
                continue;
            }
            String[] range = parts[1].split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            List<SuspiciousLine> lines = new ArrayList<>();
            for (int l = from; l <= to; l++) {
                lines.add(new SuspiciousLine(l, 1.0, lines.size()));
            }
            lines.add(new SuspiciousLine(from - 1, 0.8, lines.size()));
            lines.add(new SuspiciousLine(to + 1, 0.8, lines.size()));
            SourceFile buggy = SourceFile.of("src/main/java/humaneval/buggy/" + parts[0] + ".java", Files.readString(buggyFile));
            String fixed = collapse(Files.readString(fixedFile));
            bugs++;
            // the two runs take turns going first, so that neither alone pays for warming the JIT
            boolean withFirst = bugs % 2 == 0;
            long t0 = System.nanoTime();
            Hit first = hit((withFirst ? with : without).propose(buggy, lines).mutants(), fixed);
            long t1 = System.nanoTime();
            Hit second = hit((withFirst ? without : with).propose(buggy, lines).mutants(), fixed);
            long t2 = System.nanoTime();
            Hit a = withFirst ? first : second;
            Hit b = withFirst ? second : first;
            msWith += ((withFirst ? t1 - t0 : t2 - t1)) / 1_000_000;
            msWithout += ((withFirst ? t2 - t1 : t1 - t0)) / 1_000_000;
            reachedWith += a.rank() >= 0 ? 1 : 0;
            reachedWithout += b.rank() >= 0 ? 1 : 0;
            top25With += a.rank() >= 0 && a.rank() < 25 ? 1 : 0;
            top25Without += b.rank() >= 0 && b.rank() < 25 ? 1 : 0;
            byInsertion += RenamedIngredientInsertion.NAME.equals(a.pattern()) ? 1 : 0;
            if (a.rank() >= 0 || b.rank() >= 0) {
                rows.add(String.format("%-34s with: rank %4d of %4d %-30s without: rank %4d of %4d %s", parts[0], a.rank(),
                        a.of(), a.pattern(), b.rank(), b.of(), b.pattern()));
            }
        }
        rows.add(String.format("bugs %d; reached with the pattern %d (top 25: %d, by renamed-ingredient-insertion: %d), "
                        + "without %d (top 25: %d); proposer time with %d ms, without %d ms", bugs, reachedWith, top25With,
                byInsertion, reachedWithout, top25Without, msWith, msWithout));
        System.out.println(String.join("\n", rows));
        assertTrue(bugs > 0, "no bug read from " + root);
    }

    private record Hit(int rank, int of, String pattern) {
    }

    private static Hit hit(List<Mutant> mutants, String fixed) {
        for (int i = 0; i < mutants.size(); i++) {
            if (collapse(mutants.get(i).mutatedText()).equals(fixed)) {
                return new Hit(i, mutants.size(), mutants.get(i).pattern());
            }
        }
        return new Hit(-1, mutants.size(), "");
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", "");
    }
}
