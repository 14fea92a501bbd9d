package dev.pavu.actuator.proposer.llm;

import dev.pavu.workspace.diff.PathPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a model's parsed edits to the files of a checkout, in memory: resolves each path (as written, or
 * by its ending among the plan's files and then the repository's), places every hunk with {@link Anchor},
 * keeps the file's own text for context lines, re-indents added lines by the indentation difference the
 * placement showed, and refuses the whole answer at its first edit that cannot be applied exactly as meant.
 * Test sources ({@code src/test/}) and deletions are never changed.
 */
public final class EditApplier {

    private EditApplier() {
    }

    /**
     * The files an answer changes.
     *
     * @param originals path → text before ({@code null} for a new file)
     * @param revised   path → text after
     * @param notes     how it was placed (re-anchored hunks, rewritten methods), one line each
     * @param format    the answer's format
     */
    public record Changes(Map<String, String> originals, Map<String, String> revised, List<String> notes, String format) {
    }

    /**
     * Result: changes, or why the answer was refused.
     *
     * @param changes the changes, or {@code null}
     * @param refusal the reason, or {@code null}
     */
    public record Result(Changes changes, String refusal) {
        static Result refused(String reason) {
            return new Result(null, reason);
        }
    }

    /**
     * @param tree     the checkout
     * @param edits    the parsed edits
     * @param targets  the plan's files, most suspicious first (paths are resolved against them first)
     * @param settings fuzzy thresholds
     * @return the changed files, or the refusal
     */
    public static Result apply(SourceTree tree, List<FileEdit> edits, List<String> targets, Anchor.Settings settings) {
        if (edits.isEmpty()) {
            return Result.refused("no edit");
        }
        Map<String, String> originals = new LinkedHashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> formats = new ArrayList<>();
        for (FileEdit edit : edits) {
            if (!formats.contains(edit.format())) {
                formats.add(edit.format());
            }
            switch (edit) {
                case FileEdit.Hunks h -> {
                    String path;
                    try {
                        path = resolve(tree, h.path(), targets);
                    } catch (IllegalArgumentException e) {
                        return Result.refused(e.getMessage());
                    }
                    String text = text(tree, path, originals, current);
                    if (text == null) {
                        return Result.refused("no such file in the repository: " + h.path());
                    }
                    String refusal = placeAll(path, text, h.hunks(), settings, notes, current);
                    if (refusal != null) {
                        return Result.refused(refusal);
                    }
                }
                case FileEdit.Create c -> {
                    String path;
                    try {
                        path = PathPolicy.normalise(c.path());
                    } catch (RuntimeException e) {
                        return Result.refused("unsafe path " + c.path() + ": " + e.getMessage());
                    }
                    if (isTest(path)) {
                        return Result.refused("the answer creates test code (" + path + "): tests are not changed");
                    }
                    if (tree.read(path).isPresent() || current.containsKey(path)) {
                        return Result.refused("the answer creates " + path + ", which exists: it must say what to replace");
                    }
                    originals.put(path, null);
                    current.put(path, c.content());
                    notes.add("new file " + path);
                }
                case FileEdit.JavaCode j -> {
                    Map<String, String> texts = new LinkedHashMap<>();
                    for (String t : targets) {
                        String text = text(tree, t, originals, current);
                        if (text != null) {
                            texts.put(t, text);
                        }
                    }
                    JavaRewrite.Outcome o = JavaRewrite.apply(j.code(), targets, texts);
                    if (o.refusal() != null) {
                        return Result.refused(o.refusal());
                    }
                    for (Map.Entry<String, String> e : o.revised().entrySet()) {
                        if (isTest(e.getKey())) {
                            return Result.refused("the answer changes test code (" + e.getKey() + "): tests are not changed");
                        }
                        text(tree, e.getKey(), originals, current);
                        current.put(e.getKey(), e.getValue());
                    }
                    notes.add("rewrote " + o.what());
                }
            }
        }
        Map<String, String> revised = new LinkedHashMap<>();
        current.forEach((p, t) -> {
            if (!t.equals(originals.get(p))) {
                revised.put(p, t);
            }
        });
        if (revised.isEmpty()) {
            return Result.refused("the edits change nothing");
        }
        Map<String, String> before = new LinkedHashMap<>();
        revised.keySet().forEach(p -> before.put(p, originals.get(p)));
        return new Result(new Changes(before, revised, notes, String.join(" + ", formats)), null);
    }

    /** The current text of a file (edited or as checked out); records its original. Null when missing. */
    private static String text(SourceTree tree, String path, Map<String, String> originals, Map<String, String> current) {
        if (current.containsKey(path)) {
            return current.get(path);
        }
        Optional<String> t = tree.read(path);
        if (t.isEmpty()) {
            return null;
        }
        originals.put(path, t.get());
        current.put(path, t.get());
        return t.get();
    }

    private static String placeAll(String path, String text, List<Hunk> hunks, Anchor.Settings settings,
                                   List<String> notes, Map<String, String> current) {
        TextLines file = TextLines.of(text);
        List<String> lines = file.lines();
        record Placement(Hunk hunk, int index, Anchor.Placed at) {
        }
        List<Placement> placed = new ArrayList<>();
        for (int k = 0; k < hunks.size(); k++) {
            Hunk h = hunks.get(k);
            Anchor.Result r = Anchor.locate(lines, h, settings);
            String name = "hunk " + (k + 1) + " of " + path;
            if (r instanceof Anchor.Refused refused) {
                return name + ": " + refused.reason();
            }
            Anchor.Placed at = (Anchor.Placed) r;
            if (!at.how().equals("exact")) {
                notes.add(name + " re-anchored at line " + (at.start() + 1) + " (" + at.how()
                        + (at.how().equals("fuzzy") ? String.format(Locale.ROOT, " %.0f%%", at.score() * 100) : "")
                        + (h.hintLine() > 0 ? ", the model said line " + h.hintLine() : "") + ")");
            }
            placed.add(new Placement(h, k, at));
        }
        placed.sort(Comparator.comparingInt(p -> p.at().start()));
        for (int i = 1; i < placed.size(); i++) {
            Placement a = placed.get(i - 1);
            Placement b = placed.get(i);
            if (a.at().start() + a.hunk().oldLines().size() > b.at().start()) {
                return "hunks " + (a.index() + 1) + " and " + (b.index() + 1) + " of " + path + " overlap at line "
                        + (b.at().start() + 1);
            }
        }
        List<String> out = new ArrayList<>(lines);
        for (int i = placed.size() - 1; i >= 0; i--) {
            Placement p = placed.get(i);
            int start = p.at().start();
            List<String> replacement = replacement(lines, start, p.hunk());
            List<String> region = out.subList(start, start + p.hunk().oldLines().size());
            region.clear();
            region.addAll(replacement);
        }
        current.put(path, new TextLines(out, file.eol(), file.finalNewline() || out.isEmpty()).text());
        return null;
    }

    /**
     * The lines that replace a placed hunk's old lines: the file's own text for context lines, nothing for removed
     * ones, and the added lines re-indented by the indentation difference between the model's lines and the file's.
     */
    static List<String> replacement(List<String> file, int start, Hunk hunk) {
        Integer delta = null;
        boolean consistent = true;
        int pos = start;
        for (Hunk.Line l : hunk.lines()) {
            if (l.kind() == '+') {
                continue;
            }
            String f = file.get(pos++);
            if (!l.text().isBlank() && !f.isBlank()) {
                int d = indent(f) - indent(l.text());
                if (delta == null) {
                    delta = d;
                } else if (delta != d) {
                    consistent = false;
                }
            }
        }
        int shift = consistent && delta != null ? delta : 0;
        char unit = indentUnit(file, start);
        List<String> out = new ArrayList<>();
        pos = start;
        for (Hunk.Line l : hunk.lines()) {
            switch (l.kind()) {
                case ' ' -> out.add(file.get(pos++));
                case '-' -> pos++;
                default -> out.add(shift(l.text(), shift, unit));
            }
        }
        return out;
    }

    private static String shift(String line, int by, char unit) {
        if (by == 0 || line.isBlank()) {
            return line;
        }
        if (by > 0) {
            return String.valueOf(unit).repeat(by) + line;
        }
        int remove = Math.min(-by, indent(line));
        return line.substring(remove);
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static char indentUnit(List<String> file, int near) {
        for (int i = Math.max(0, near); i < file.size(); i++) {
            String l = file.get(i);
            if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t')) {
                return l.charAt(0);
            }
        }
        return ' ';
    }

    /**
     * @param tree    the checkout
     * @param raw     the path as the model wrote it ({@code null}: the plan's only file)
     * @param targets the plan's files
     * @return the repository-relative path of an existing file
     * @throws IllegalArgumentException when the path is unsafe, names no file, or names several
     */
    static String resolve(SourceTree tree, String raw, List<String> targets) {
        if (raw == null) {
            List<String> distinct = targets.stream().distinct().toList();
            if (distinct.size() == 1) {
                return checkNotTest(distinct.getFirst());
            }
            throw new IllegalArgumentException("the diff names no file and the plan has " + distinct.size() + " files");
        }
        String path;
        try {
            path = PathPolicy.normalise(raw.replace('\\', '/').replaceFirst("^\\./", ""));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unsafe path " + raw + ": " + e.getMessage());
        }
        if (tree.read(path).isPresent()) {
            return checkNotTest(path);
        }
        String suffix = "/" + path;
        List<String> byTarget = targets.stream().distinct().filter(t -> t.endsWith(suffix)).toList();
        if (byTarget.size() == 1) {
            return checkNotTest(byTarget.getFirst());
        }
        List<String> byTree = tree.paths().stream().filter(t -> t.endsWith(suffix)).toList();
        if (byTree.size() == 1) {
            return checkNotTest(byTree.getFirst());
        }
        if (byTree.size() > 1) {
            throw new IllegalArgumentException("the path " + raw + " fits several files: " + byTree.stream().limit(5).toList());
        }
        throw new IllegalArgumentException("no such file in the repository: " + raw);
    }

    private static String checkNotTest(String path) {
        if (isTest(path)) {
            throw new IllegalArgumentException("the answer changes test code (" + path + "): tests are not changed");
        }
        return path;
    }

    static boolean isTest(String path) {
        return path.startsWith("src/test/") || path.contains("/src/test/");
    }
}
