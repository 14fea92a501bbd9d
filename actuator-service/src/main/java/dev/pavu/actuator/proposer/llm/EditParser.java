package dev.pavu.actuator.proposer.llm;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the edits out of a model's answer. Accepted, in this order of precedence:
 * <ol>
 *   <li><b>search/replace blocks</b>: a file path line, then {@code <<<<<<< SEARCH}, the exact old lines,
 *       {@code =======}, the new lines, {@code >>>>>>> REPLACE} (a block without a path line takes the previous
 *       block's path); each block becomes a {@link Hunk} by a line diff of its two sides, so that the lines both
 *       sides share are context and only the others are removed or added;</li>
 *   <li><b>unified diffs</b>, git-style or plain, with or without line numbers in the {@code @@} headers, with
 *       wrong counts (they are recounted from the body), blank context lines that lost their leading space,
 *       and prose or markdown fences around them (inside fenced blocks only, when there are any);</li>
 *   <li><b>Java code</b> in fenced blocks: methods or constructors that replace the declarations of the same
 *       signature, or a whole compilation unit (see {@link FileEdit.JavaCode}).</li>
 * </ol>
 * Nothing is placed here; {@link EditApplier} finds where each hunk goes.
 */
public final class EditParser {

    private static final Pattern SEARCH = Pattern.compile("^\\s*<{5,9}\\s*SEARCH\\b.*$");
    private static final Pattern DIVIDER = Pattern.compile("^\\s*={5,9}\\s*$");
    private static final Pattern REPLACE = Pattern.compile("^\\s*>{5,9}\\s*REPLACE\\b.*$");
    private static final Pattern HUNK = Pattern.compile("^@@+\\s*(?:-(\\d+)(?:,(\\d+))?)?.*$");
    private static final Pattern PATH = Pattern.compile("[\\w.$@/\\\\-]+");

    private EditParser() {
    }

    /**
     * The edits of one answer.
     *
     * @param edits    the edits, in the answer's order (one entry per file for diffs)
     * @param problems what was skipped and why (one line each)
     */
    public record Parsed(List<FileEdit> edits, List<String> problems) {
        public Parsed {
            edits = List.copyOf(edits);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param answer the model's text
     * @return its edits; empty edits with a problem when the answer holds none
     */
    public static Parsed parse(String answer) {
        List<String> problems = new ArrayList<>();
        String text = answer == null ? "" : answer;
        List<Fences.Block> blocks = Fences.blocks(text);
        List<String> stripped = Fences.lines(Fences.strip(text));
        if (stripped.stream().anyMatch(l -> SEARCH.matcher(l).matches())) {
            List<FileEdit> edits = searchReplace(stripped, problems);
            return new Parsed(edits, problems);
        }
        List<FileEdit> diffs = new ArrayList<>();
        List<Fences.Block> diffBlocks = blocks.stream().filter(b -> looksLikeDiff(Fences.lines(b.content()))).toList();
        if (!diffBlocks.isEmpty()) {
            for (Fences.Block b : diffBlocks) {
                diffs.addAll(diff(Fences.lines(b.content()), problems));
            }
        } else if (looksLikeDiff(stripped)) {
            diffs.addAll(diff(Fences.lines(text).stream().filter(l -> !Fences.isFence(l)).toList(), problems));
        }
        if (!diffs.isEmpty() || !problems.isEmpty()) {
            return new Parsed(merge(diffs), problems);
        }
        List<Fences.Block> code = blocks.stream()
                .filter(b -> b.language().isEmpty() || b.language().equals("java"))
                .filter(b -> !b.content().isBlank())
                .toList();
        if (!code.isEmpty()) {
            // the last block is the answer; earlier ones often quote the old code
            return new Parsed(List.of(new FileEdit.JavaCode(null, code.getLast().content())), problems);
        }
        problems.add("the answer holds no SEARCH/REPLACE block, no unified diff and no fenced Java code");
        return new Parsed(List.of(), problems);
    }

    // ------------------------------------------------------------------ search/replace

    private static List<FileEdit> searchReplace(List<String> lines, List<String> problems) {
        Map<String, List<Hunk>> byPath = new LinkedHashMap<>();
        List<FileEdit> creates = new ArrayList<>();
        String lastPath = null;
        int i = 0;
        int block = 0;
        while (i < lines.size()) {
            if (!SEARCH.matcher(lines.get(i)).matches()) {
                i++;
                continue;
            }
            block++;
            String path = pathBefore(lines, i);
            if (path == null) {
                path = lastPath;
            }
            List<String> search = new ArrayList<>();
            List<String> replace = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !DIVIDER.matcher(lines.get(j)).matches()) {
                search.add(lines.get(j++));
            }
            if (j >= lines.size()) {
                problems.add("search/replace block " + block + ": no ======= line after SEARCH");
                break;
            }
            j++;
            while (j < lines.size() && !REPLACE.matcher(lines.get(j)).matches()) {
                replace.add(lines.get(j++));
            }
            if (j >= lines.size()) {
                problems.add("search/replace block " + block + ": no >>>>>>> REPLACE line");
                break;
            }
            i = j + 1;
            if (path == null) {
                problems.add("search/replace block " + block + ": no file path line before <<<<<<< SEARCH");
                continue;
            }
            lastPath = path;
            if (search.stream().allMatch(String::isBlank)) {
                creates.add(new FileEdit.Create(path, String.join("\n", replace) + "\n"));
                continue;
            }
            Hunk h = toHunk(search, replace);
            if (!h.changes()) {
                problems.add("search/replace block " + block + " (" + path + "): SEARCH and REPLACE are the same");
                continue;
            }
            byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(h);
        }
        List<FileEdit> edits = new ArrayList<>();
        byPath.forEach((p, hunks) -> edits.add(new FileEdit.Hunks(p, hunks, "search/replace")));
        edits.addAll(creates);
        return edits;
    }

    /**
     * @param search  the SEARCH side
     * @param replace the REPLACE side
     * @return a hunk whose shared lines are context (kept as the file has them) and whose others are removed / added
     */
    public static Hunk toHunk(List<String> search, List<String> replace) {
        Patch<String> patch = DiffUtils.diff(search, replace);
        List<Hunk.Line> out = new ArrayList<>();
        int s = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            int at = d.getSource().getPosition();
            while (s < at) {
                out.add(new Hunk.Line(' ', search.get(s++)));
            }
            for (String removed : d.getSource().getLines()) {
                out.add(new Hunk.Line('-', removed));
                s++;
            }
            for (String added : d.getTarget().getLines()) {
                out.add(new Hunk.Line('+', added));
            }
        }
        while (s < search.size()) {
            out.add(new Hunk.Line(' ', search.get(s++)));
        }
        return new Hunk(out, 0);
    }

    /** The path line above a SEARCH marker: the nearest non-blank line, when it names a file. */
    private static String pathBefore(List<String> lines, int searchAt) {
        for (int k = searchAt - 1; k >= 0; k--) {
            String l = lines.get(k).strip();
            if (l.isEmpty()) {
                continue;
            }
            if (REPLACE.matcher(l).matches()) {
                return null;
            }
            return cleanPath(l);
        }
        return null;
    }

    /**
     * @param raw a line that may name a file: {@code src/A.java}, {@code **A.java**}, {@code `A.java`:},
     *            {@code File: A.java}, {@code # A.java}
     * @return the path, or {@code null} when the line is not a path
     */
    static String cleanPath(String raw) {
        String l = raw.strip();
        l = l.replaceFirst("^(?i)(#+\\s*|[-*]\\s+|file(name)?\\s*:\\s*|path\\s*:\\s*)", "");
        l = l.replaceAll("^[*`'\"]+|[*`'\":]+$", "").strip();
        if (!PATH.matcher(l).matches() || !(l.contains(".") || l.contains("/"))) {
            return null;
        }
        return l;
    }

    // ------------------------------------------------------------------ unified diffs

    private static boolean looksLikeDiff(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("diff --git ") || l.startsWith("@@")) {
                return true;
            }
            if (l.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ")) {
                return true;
            }
        }
        return false;
    }

    /** Mutable state of one file section while parsing. */
    private static final class Section {
        String oldPath;
        String newPath;
        boolean fromNull;
        boolean toNull;
        final List<Hunk> hunks = new ArrayList<>();
        List<Hunk.Line> body;
        int bareBlankTail;
        int hint;

        void endHunk() {
            if (body == null) {
                return;
            }
            // blank lines that lost their leading space at the end of a hunk are separators, not context
            List<Hunk.Line> lines = new ArrayList<>(body.subList(0, body.size() - bareBlankTail));
            if (!lines.isEmpty()) {
                hunks.add(new Hunk(lines, hint));
            }
            body = null;
            bareBlankTail = 0;
        }
    }

    private static List<FileEdit> diff(List<String> lines, List<String> problems) {
        List<FileEdit> edits = new ArrayList<>();
        Section sec = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("diff --git ")) {
                finish(sec, edits, problems);
                sec = new Section();
                String[] parts = line.substring("diff --git ".length()).split(" ");
                if (parts.length >= 2) {
                    sec.oldPath = path(parts[0]);
                    sec.newPath = path(parts[parts.length - 1]);
                }
                continue;
            }
            if (line.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ")) {
                if (sec == null || !sec.hunks.isEmpty() || sec.body != null) {
                    finish(sec, edits, problems);
                    sec = new Section();
                }
                String from = path(line.substring(4));
                String to = path(lines.get(i + 1).substring(4));
                sec.fromNull = from == null;
                sec.toNull = to == null;
                sec.oldPath = from;
                sec.newPath = to;
                i++;
                continue;
            }
            Matcher h = HUNK.matcher(line);
            if (h.matches() && line.startsWith("@@")) {
                if (sec == null) {
                    sec = new Section();
                }
                sec.endHunk();
                sec.body = new ArrayList<>();
                sec.hint = h.group(1) == null ? 0 : Integer.parseInt(h.group(1));
                continue;
            }
            if (sec == null || sec.body == null) {
                continue;
            }
            if (line.isEmpty()) {
                sec.body.add(new Hunk.Line(' ', ""));
                sec.bareBlankTail++;
                continue;
            }
            char c = line.charAt(0);
            if (c == ' ' || c == '-' || c == '+') {
                sec.body.add(new Hunk.Line(c, line.substring(1)));
                sec.bareBlankTail = 0;
            } else if (c == '\\') {
                // "\ No newline at end of file": the file's own final newline is kept
            } else if (i + 1 < lines.size() && isBodyLine(lines.get(i + 1))) {
                // a context line that lost its leading space
                sec.body.add(new Hunk.Line(' ', line));
                sec.bareBlankTail = 0;
            } else {
                sec.endHunk();
            }
        }
        finish(sec, edits, problems);
        return edits;
    }

    private static boolean isBodyLine(String l) {
        return !l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '+' || l.charAt(0) == '-')
                && !l.startsWith("--- ") && !l.startsWith("+++ ");
    }

    private static void finish(Section sec, List<FileEdit> edits, List<String> problems) {
        if (sec == null) {
            return;
        }
        sec.endHunk();
        if (sec.hunks.isEmpty()) {
            return;
        }
        if (sec.toNull) {
            problems.add("the diff deletes " + sec.oldPath + ": deleting files is not accepted from a model");
            return;
        }
        String path = sec.newPath != null ? sec.newPath : sec.oldPath;
        if (sec.fromNull) {
            StringBuilder content = new StringBuilder();
            sec.hunks.forEach(hk -> hk.lines().stream().filter(l -> l.kind() == '+')
                    .forEach(l -> content.append(l.text()).append('\n')));
            edits.add(new FileEdit.Create(path, content.toString()));
            return;
        }
        List<Hunk> changing = new ArrayList<>();
        for (Hunk hk : sec.hunks) {
            if (hk.changes()) {
                changing.add(hk);
            } else {
                problems.add("a hunk of " + path + " changes nothing: ignored");
            }
        }
        if (!changing.isEmpty()) {
            edits.add(new FileEdit.Hunks(path, changing, "unified diff"));
        }
    }

    /** A diff header path: {@code a/x}, {@code b/x}, {@code x\t2024-…}, {@code /dev/null} (→ null). */
    private static String path(String raw) {
        String p = raw.strip();
        int tab = p.indexOf('\t');
        if (tab >= 0) {
            p = p.substring(0, tab).strip();
        }
        p = p.replaceAll("^[\"'`]+|[\"'`]+$", "");
        if (p.equals("/dev/null")) {
            return null;
        }
        if (p.startsWith("a/") || p.startsWith("b/")) {
            p = p.substring(2);
        }
        return p;
    }

    /** One {@link FileEdit.Hunks} per path (a model sometimes repeats a file header per hunk). */
    private static List<FileEdit> merge(List<FileEdit> edits) {
        Map<String, List<Hunk>> hunks = new LinkedHashMap<>();
        Map<String, String> formats = new LinkedHashMap<>();
        List<FileEdit> others = new ArrayList<>();
        for (FileEdit e : edits) {
            if (e instanceof FileEdit.Hunks h) {
                String key = String.valueOf(h.path());
                hunks.computeIfAbsent(key, k -> new ArrayList<>()).addAll(h.hunks());
                formats.put(key, h.format());
            } else {
                others.add(e);
            }
        }
        List<FileEdit> out = new ArrayList<>();
        hunks.forEach((p, hs) -> out.add(new FileEdit.Hunks("null".equals(p) ? null : p, hs, formats.get(p))));
        out.addAll(others);
        return out;
    }

    /**
     * Re-writes a unified diff with every {@code @@} header recounted from its body (and line numbers where the
     * model gave none taken as 1): the repair a malformed model diff needs before a strict parser reads it.
     *
     * @param diff a unified diff, possibly with wrong counts
     * @return the same diff with correct headers; file headers and body kept
     */
    public static String repairHeaders(String diff) {
        List<String> lines = new ArrayList<>(Fences.lines(diff));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int shift = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher h = HUNK.matcher(line);
            if (!(h.matches() && line.startsWith("@@"))) {
                if (line.startsWith("--- ")) {
                    shift = 0;
                }
                out.append(line).append('\n');
                i++;
                continue;
            }
            int start = h.group(1) == null ? 1 : Integer.parseInt(h.group(1));
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).startsWith("@@") && !lines.get(j).startsWith("diff --git ")
                    && !(lines.get(j).startsWith("--- ") && j + 1 < lines.size() && lines.get(j + 1).startsWith("+++ "))
                    && (lines.get(j).isEmpty() || " -+\\".indexOf(lines.get(j).charAt(0)) >= 0)) {
                body.add(lines.get(j).isEmpty() ? " " : lines.get(j));
                j++;
            }
            while (!body.isEmpty() && body.getLast().equals(" ") && (j >= lines.size() || lines.get(j - 1).isEmpty())) {
                body.removeLast();
                j--;
            }
            int oldCount = 0;
            int newCount = 0;
            for (String b : body) {
                char c = b.charAt(0);
                if (c == ' ' || c == '-') {
                    oldCount++;
                }
                if (c == ' ' || c == '+') {
                    newCount++;
                }
            }
            int oldStart = oldCount == 0 ? start - 1 : start;
            int newStart = (newCount == 0 ? start - 1 : start) + shift;
            out.append("@@ -").append(oldStart).append(',').append(oldCount).append(" +").append(newStart).append(',')
                    .append(newCount).append(" @@\n");
            body.forEach(b -> out.append(b).append('\n'));
            shift += newCount - oldCount;
            i = j;
        }
        return out.toString();
    }
}
