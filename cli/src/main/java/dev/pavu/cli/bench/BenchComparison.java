package dev.pavu.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bench run compared with an earlier one ({@code pavu bench --compare FILE}, FILE a saved {@code results/*.json}):
 * per program run in both, whether it is newly plausible (fixed), no longer plausible (lost), or newly / no longer
 * equal to the reference fix. Programs run in only one of the two are counted, not compared.
 *
 * @param previous     the earlier results file
 * @param previousLine the earlier run's summary line
 * @param fixed        programs plausible now and not before, by name order of this run, each with the technique
 *                     (winning pattern) that fixed it: {@code NAME [two-location]}
 * @param lost         programs plausible before and not now
 * @param nowEqual     programs whose patch equals the reference now and did not before
 * @param noLongerEqual programs whose patch equalled the reference before and does not now
 * @param compared     programs run in both
 * @param onlyNow      programs run now only
 */
public record BenchComparison(Path previous, String previousLine, List<String> fixed, List<String> lost,
                              List<String> nowEqual, List<String> noLongerEqual, int compared, int onlyNow) {

    /**
     * @param rows     this run's rows
     * @param previous the earlier run's saved JSON ({@code rows[].program}, {@code plausible}, {@code equalsReference})
     * @return the comparison
     * @throws CliException (usage) when the file cannot be read or holds no {@code rows}
     */
    public static BenchComparison of(List<BenchRow> rows, Path previous) {
        JsonNode saved;
        try {
            saved = Json.MAPPER.readTree(Files.readString(previous));
        } catch (IOException | RuntimeException e) {
            throw CliException.usage("--compare: cannot read " + previous + " (" + e.getMessage()
                    + "); give a results JSON that an earlier pavu bench saved");
        }
        if (saved == null || !saved.path("rows").isArray()) {
            throw CliException.usage("--compare: " + previous + " has no \"rows\" array; give a results JSON that an "
                    + "earlier pavu bench saved");
        }
        Map<String, JsonNode> before = new LinkedHashMap<>();
        saved.path("rows").forEach(r -> before.put(r.path("program").asText(), r));
        List<String> fixed = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> nowEqual = new ArrayList<>();
        List<String> noLongerEqual = new ArrayList<>();
        int compared = 0;
        int onlyNow = 0;
        for (BenchRow r : rows) {
            JsonNode b = before.get(r.program());
            if (b == null) {
                onlyNow++;
                continue;
            }
            compared++;
            boolean wasPlausible = b.path("plausible").asBoolean(false);
            boolean wasEqual = wasPlausible && b.path("equalsReference").asBoolean(false);
            boolean isEqual = r.plausible() && Boolean.TRUE.equals(r.equalsReference());
            if (r.plausible() && !wasPlausible) {
                fixed.add(r.program() + (r.pattern() == null ? "" : " [" + r.pattern() + "]"));
            } else if (!r.plausible() && wasPlausible) {
                lost.add(r.program());
            }
            if (isEqual && !wasEqual) {
                nowEqual.add(r.program());
            } else if (!isEqual && wasEqual) {
                noLongerEqual.add(r.program());
            }
        }
        return new BenchComparison(previous, saved.path("summary").path("line").asText(null), List.copyOf(fixed),
                List.copyOf(lost), List.copyOf(nowEqual), List.copyOf(noLongerEqual), compared, onlyNow);
    }

    /** @return the Markdown section, starting with a blank line, ending with a newline */
    public String markdown() {
        StringBuilder md = new StringBuilder("\n## Compared with ").append(previous.getFileName()).append("\n\n");
        if (previousLine != null) {
            md.append("Then: ").append(previousLine).append(".\n\n");
        }
        md.append("- ").append(compared).append(" programs in both runs")
                .append(onlyNow == 0 ? "" : ", " + onlyNow + " only in this one").append('\n');
        md.append("- newly plausible (fixed): ").append(list(fixed)).append('\n');
        md.append("- no longer plausible (lost): ").append(list(lost)).append('\n');
        md.append("- newly equal to the reference: ").append(list(nowEqual)).append('\n');
        md.append("- no longer equal to the reference: ").append(list(noLongerEqual)).append('\n');
        return md.toString();
    }

    /** @return {@code compared with FILE: +F fixed, -L lost} */
    public String line() {
        return "compared with " + previous.getFileName() + ": +" + fixed.size() + " fixed, -" + lost.size() + " lost";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : names.size() + " (" + String.join(", ", names) + ")";
    }
}
