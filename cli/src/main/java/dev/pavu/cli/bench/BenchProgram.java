package dev.pavu.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One program of a bug benchmark: a folder under the benchmark directory holding a project with one seeded
 * defect, its {@code bug.json} and its {@code reference.diff} (see {@code bench/bugs/README.md}).
 *
 * @param name         the folder name
 * @param dir          the folder
 * @param defectClass  {@code bug.json}'s {@code defectClass}, or {@code null} when it does not say
 * @param file         the defective file, relative to the folder, or {@code null}
 * @param line         the defective line (1-based), or {@code null}
 * @param loopsForever whether the buggy version loops forever on some test
 */
public record BenchProgram(String name, Path dir, String defectClass, String file, Integer line, boolean loopsForever) {

    /** The file that marks a folder as a program. */
    public static final String BUG_JSON = "bug.json";
    /** The reference fix of a program, a unified diff relative to its folder. */
    public static final String REFERENCE_DIFF = "reference.diff";

    /**
     * Finds the programs of a benchmark: every direct subfolder holding a {@value #BUG_JSON}, by name. A
     * {@code bug.json} that cannot be read still makes a program (with an unknown defect class): the run reports it.
     *
     * @param dir  the benchmark directory, e.g. {@code bench/bugs}
     * @param only names to keep (empty: all)
     * @return the programs, sorted by name
     * @throws CliException (usage) when {@code dir} is not a directory, holds no program, or {@code only} names a
     *                      program it does not hold
     */
    public static List<BenchProgram> discover(Path dir, Collection<String> only) {
        if (!Files.isDirectory(dir)) {
            throw CliException.usage(dir + " is not a directory; give the benchmark folder, e.g. bench/bugs");
        }
        List<BenchProgram> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path d : children.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                if (Files.isRegularFile(d.resolve(BUG_JSON))) {
                    all.add(read(d));
                }
            }
        } catch (IOException e) {
            throw CliException.usage("cannot list " + dir + ": " + e.getMessage());
        }
        if (all.isEmpty()) {
            throw CliException.usage(dir + " holds no program (no subfolder with a " + BUG_JSON + ")");
        }
        if (only == null || only.isEmpty()) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>(only);
        List<String> unknown = wanted.stream().filter(n -> all.stream().noneMatch(p -> p.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw CliException.usage("--only names " + String.join(", ", unknown) + ", not a program of " + dir
                    + " (programs: " + String.join(", ", all.stream().map(BenchProgram::name).toList()) + ")");
        }
        return all.stream().filter(p -> wanted.contains(p.name())).toList();
    }

    private static BenchProgram read(Path dir) {
        String name = dir.getFileName().toString();
        JsonNode bug;
        try {
            bug = Json.MAPPER.readTree(Files.readString(dir.resolve(BUG_JSON)));
        } catch (IOException | RuntimeException e) {
            return new BenchProgram(name, dir, null, null, null, false);
        }
        Long line = Json.number(bug, "line");
        JsonNode loops = bug == null ? null : bug.get("loopsForever");
        return new BenchProgram(name, dir, Json.text(bug, "defectClass"), Json.text(bug, "file"),
                line == null ? null : line.intValue(), loops != null && loops.asBoolean(false));
    }
}
