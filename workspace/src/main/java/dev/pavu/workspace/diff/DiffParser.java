package dev.pavu.workspace.diff;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict reader of git-style and plain unified diffs into {@link FilePatch}es.
 *
 * <p>File sections start at {@code diff --git} or at a {@code ---}/{@code +++} pair. Hunk bodies are read by
 * their header's counts, so a removed line that starts with {@code --} is never mistaken for a header and a
 * hunk whose header lies is refused with the numbers. Text before the first section and between sections
 * (prose, code fences) is ignored; hunk-like lines there are refused.
 */
final class DiffParser {

    static final String NO_NEWLINE = "\\ No newline at end of file";
    private static final Pattern HUNK_HEADER =
            Pattern.compile("^@@\\s+-(\\d+)(?:,(\\d+))?\\s+\\+(\\d+)(?:,(\\d+))?\\s+@@.*$");
    private static final Pattern TRAILING_TIMESTAMP =
            Pattern.compile("^(.*?)\\s+\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:\\s*[+-]\\d{4})?$");
    private static final int MAX_COUNT = 50_000_000;

    private final String[] lines;
    private int i;

    private DiffParser(String[] lines) {
        this.lines = lines;
    }

    static List<FilePatch> parse(String diff) {
        if (diff == null) {
            throw malformed(null, "the diff is null; pass \"\" for a change that does nothing");
        }
        if (diff.isBlank()) {
            return List.of();
        }
        int nul = diff.indexOf('\0');
        if (nul >= 0) {
            int line = 1 + (int) diff.substring(0, nul).chars().filter(c -> c == '\n').count();
            throw new PatchRejectedException(Reason.BINARY, null, "the diff contains a NUL byte at line " + line
                    + "; only text diffs can be applied, binary content is refused");
        }
        String[] split = diff.split("\n", -1);
        int n = split.length;
        if (n > 0 && split[n - 1].isEmpty()) {
            n--;
        }
        String[] body = new String[n];
        System.arraycopy(split, 0, body, 0, n);
        return new DiffParser(body).sections();
    }

    private List<FilePatch> sections() {
        List<FilePatch> patches = new ArrayList<>();
        while (i < lines.length) {
            String h = header(i);
            if (h.startsWith("diff --git ")) {
                patches.add(gitSection());
            } else if (isFileHeader(i)) {
                patches.add(plainSection());
            } else if (h.startsWith("GIT binary patch") || isBinaryLine(h)) {
                throw binary(null, i);
            } else if (h.startsWith("@@")) {
                throw malformed(null, "line " + (i + 1) + ": hunk " + quote(h) + " has no file header before it; "
                        + "every file needs '--- a/<path>' and '+++ b/<path>' lines before its first @@");
            } else if (h.startsWith("--- ")) {
                throw malformed(null, "line " + (i + 1) + ": " + quote(h) + " is not followed by a '+++ b/<path>' line; "
                        + "every file header is a '---' line directly followed by a '+++' line");
            } else {
                i++; // preamble, prose, code fences
            }
        }
        if (patches.isEmpty()) {
            throw malformed(null, "the diff has no file header; expected 'diff --git a/<path> b/<path>' or a "
                    + "'--- a/<path>' line followed by '+++ b/<path>' and '@@ -l,n +l,n @@' hunks");
        }
        return patches;
    }

    private FilePatch gitSection() {
        int start = i;
        String[] gitPaths = gitHeaderPaths(header(i).substring("diff --git ".length()));
        i++;
        boolean newFile = false;
        boolean deletedFile = false;
        String oldPath = null;
        String newPath = null;
        boolean hasFileHeader = false;
        while (i < lines.length) {
            String h = header(i);
            if (h.startsWith("new file mode ")) {
                newFile = true;
            } else if (h.startsWith("deleted file mode ")) {
                deletedFile = true;
            } else if (h.startsWith("rename from ") || h.startsWith("rename to ")
                    || h.startsWith("copy from ") || h.startsWith("copy to ")) {
                throw new PatchRejectedException(Reason.UNSUPPORTED, gitPaths == null ? null : gitPaths[0],
                        "line " + (i + 1) + ": " + quote(h) + ": renames and copies are not supported; "
                                + "express them as a deletion of the old file plus a new file");
            } else if (h.startsWith("GIT binary patch") || isBinaryLine(h)) {
                throw binary(gitPaths == null ? null : gitPaths[1], i);
            } else if (h.startsWith("old mode ") || h.startsWith("new mode ") || h.startsWith("index ")
                    || h.startsWith("similarity index ") || h.startsWith("dissimilarity index ")) {
                // metadata we do not need
            } else if (isFileHeader(i)) {
                oldPath = headerPath(h.substring(4), "a/");
                newPath = headerPath(header(i + 1).substring(4), "b/");
                i += 2;
                hasFileHeader = true;
                break;
            } else {
                break;
            }
            i++;
        }
        if (!hasFileHeader) {
            if (gitPaths == null) {
                throw malformed(null, "line " + (start + 1) + ": cannot read the paths of " + quote(header(start))
                        + " and no '---'/'+++' lines follow; write 'diff --git a/<path> b/<path>'");
            }
            if (i < lines.length && header(i).startsWith("@@")) {
                throw malformed(gitPaths[1], "line " + (i + 1) + ": hunk of " + gitPaths[1] + " has no '--- a/<path>' and "
                        + "'+++ b/<path>' lines before it");
            }
            oldPath = newFile ? null : gitPaths[0];
            newPath = deletedFile ? null : gitPaths[1];
        }
        return section(oldPath, newPath, newFile, deletedFile, start);
    }

    private FilePatch plainSection() {
        int start = i;
        String oldPath = headerPath(header(i).substring(4), "a/");
        String newPath = headerPath(header(i + 1).substring(4), "b/");
        i += 2;
        return section(oldPath, newPath, false, false, start);
    }

    private FilePatch section(String oldRaw, String newRaw, boolean newFile, boolean deletedFile, int start) {
        if (oldRaw == null && newRaw == null) {
            throw malformed(null, "line " + (start + 1) + ": both sides of the file header are /dev/null; name the file on at least one side");
        }
        String oldPath = oldRaw == null ? null : PathPolicy.normalise(oldRaw);
        String newPath = newRaw == null ? null : PathPolicy.normalise(newRaw);
        ChangeKind kind;
        if (oldPath == null || (newFile && !deletedFile)) {
            kind = ChangeKind.ADD;
            if (newPath == null) {
                throw malformed(oldPath, "line " + (start + 1) + ": a new file's '+++' line is /dev/null; name the new file");
            }
            oldPath = null;
        } else if (newPath == null || deletedFile) {
            kind = ChangeKind.DELETE;
            newPath = null;
        } else {
            kind = ChangeKind.MODIFY;
            if (!oldPath.equals(newPath)) {
                throw new PatchRejectedException(Reason.UNSUPPORTED, oldPath, "line " + (start + 1) + ": the file header renames '"
                        + oldPath + "' to '" + newPath + "'; renames are not supported, express them as a deletion "
                        + "plus a new file, or use the same path on both '---' and '+++' lines");
            }
        }
        String path = kind == ChangeKind.DELETE ? oldPath : newPath;
        List<Hunk> hunks = new ArrayList<>();
        while (i < lines.length && header(i).startsWith("@@")) {
            hunks.add(hunk(path, hunks.size() + 1));
        }
        for (int k = 0; k < hunks.size(); k++) {
            Hunk h = hunks.get(k);
            if (kind == ChangeKind.ADD && h.oldCount() > 0) {
                throw malformed(path, "hunk #" + (k + 1) + " " + h.header() + " of new file " + path
                        + " has old lines; a new file's hunks contain only '+' lines and start '@@ -0,0 +1,n @@'");
            }
            if (kind == ChangeKind.DELETE && h.newCount() > 0) {
                throw malformed(path, "hunk #" + (k + 1) + " " + h.header() + " of deleted file " + path
                        + " keeps or adds lines; a deletion's hunks contain only '-' lines and end '+0,0 @@'");
            }
        }
        skipTrailer(path, hunks);
        return new FilePatch(oldPath, kind == ChangeKind.DELETE ? null : newPath, kind, hunks);
    }

    /** Lines after the last hunk of a section up to the next section: prose is fine, hunk lines are not. */
    private void skipTrailer(String path, List<Hunk> hunks) {
        while (i < lines.length) {
            String h = header(i);
            if (h.startsWith("diff --git ") || isFileHeader(i)) {
                return;
            }
            if (h.equals("-- ") || h.equals("--")) {
                i = lines.length; // git format-patch signature: the rest is not diff
                return;
            }
            if (h.startsWith("GIT binary patch") || isBinaryLine(h)) {
                throw binary(path, i);
            }
            char c = h.isEmpty() ? 0 : h.charAt(0);
            boolean hunkLike = (c == '+' || c == '-' || c == ' ' || c == '\\') && !h.isBlank();
            if (hunkLike && !hunks.isEmpty()) {
                Hunk last = hunks.get(hunks.size() - 1);
                throw malformed(path, "line " + (i + 1) + ": " + quote(h) + " follows hunk #" + hunks.size() + " "
                        + last.header() + " of " + path + ", which already has its " + last.oldCount() + " old and "
                        + last.newCount() + " new lines; fix the counts in the @@ header");
            }
            if (hunks.isEmpty() && (c == '+' || c == '-')) {
                throw malformed(path, "line " + (i + 1) + ": " + quote(h) + " in the section of " + path
                        + " is not inside a hunk; every change needs a '@@ -l,n +l,n @@' header before it");
            }
            i++;
        }
    }

    private Hunk hunk(String path, int number) {
        int headerLine = i;
        String h = header(i);
        Matcher m = HUNK_HEADER.matcher(h);
        if (!m.matches()) {
            throw malformed(path, "line " + (i + 1) + ": malformed hunk header " + quote(h) + " in " + path
                    + "; expected '@@ -<old start>,<old count> +<new start>,<new count> @@'");
        }
        int oldStart = number(m.group(1), 0, path, h);
        int oldCount = number(m.group(2), 1, path, h);
        int newStart = number(m.group(3), 0, path, h);
        int newCount = number(m.group(4), 1, path, h);
        if ((oldStart == 0 && oldCount > 0) || (newStart == 0 && newCount > 0)) {
            throw malformed(path, "line " + (i + 1) + ": hunk header " + quote(h) + " in " + path
                    + " starts a non-empty range at line 0; line numbers start at 1");
        }
        i++;
        int oldLeft = oldCount;
        int newLeft = newCount;
        List<HunkLine> body = new ArrayList<>();
        boolean oldMissing = false;
        boolean newMissing = false;
        HunkLine.Op lastOp = null;
        while (oldLeft > 0 || newLeft > 0 || (i < lines.length && lines[i].startsWith("\\"))) {
            if (i >= lines.length) {
                throw shortHunk(path, number, h, headerLine, oldCount - oldLeft, newCount - newLeft, "the diff ends");
            }
            String raw = lines[i];
            if (raw.startsWith("\\")) {
                if (lastOp == null) {
                    throw malformed(path, "line " + (i + 1) + ": " + quote(raw) + " in hunk #" + number + " of " + path
                            + " does not follow a line; it belongs after the last line of a file side");
                }
                if (lastOp != HunkLine.Op.ADD) {
                    oldMissing = true;
                }
                if (lastOp != HunkLine.Op.DELETE) {
                    newMissing = true;
                }
                i++;
                if (oldLeft == 0 && newLeft == 0) {
                    break;
                }
                continue;
            }
            HunkLine.Op op;
            String text;
            if (raw.isEmpty() || raw.equals("\r")) {
                op = HunkLine.Op.CONTEXT; // an empty context line whose leading space was stripped
                text = "";
            } else {
                char c = raw.charAt(0);
                op = switch (c) {
                    case ' ' -> HunkLine.Op.CONTEXT;
                    case '+' -> HunkLine.Op.ADD;
                    case '-' -> HunkLine.Op.DELETE;
                    default -> null;
                };
                if (op == null) {
                    throw shortHunk(path, number, h, headerLine, oldCount - oldLeft, newCount - newLeft,
                            "line " + (i + 1) + " " + quote(raw) + " is not a hunk line (hunk lines start with ' ', '+', '-' or '\\')");
                }
                text = raw.substring(1);
            }
            if (op != HunkLine.Op.ADD) {
                if (oldLeft == 0) {
                    throw longHunk(path, number, h, i, "old");
                }
                oldLeft--;
            }
            if (op != HunkLine.Op.DELETE) {
                if (newLeft == 0) {
                    throw longHunk(path, number, h, i, "new");
                }
                newLeft--;
            }
            if ((oldMissing && op != HunkLine.Op.ADD) || (newMissing && op != HunkLine.Op.DELETE)) {
                throw malformed(path, "line " + (i + 1) + " of hunk #" + number + " of " + path + " follows a '"
                        + NO_NEWLINE + "' marker on its side; that marker may only follow the last line of a file side");
            }
            body.add(new HunkLine(op, text));
            lastOp = op;
            i++;
        }
        return new Hunk(oldStart, oldCount, newStart, newCount, body, oldMissing, newMissing);
    }

    private int number(String digits, int absent, String path, String header) {
        if (digits == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(digits);
            if (value > MAX_COUNT) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw malformed(path, "hunk header " + quote(header) + " in " + path + " has a number that is too large");
        }
    }

    private PatchRejectedException shortHunk(String path, int number, String header, int headerLine, int oldSeen, int newSeen, String where) {
        return malformed(path, "hunk #" + number + " " + quote(header) + " of " + path + " (line " + (headerLine + 1)
                + ") is cut short: " + where + " after " + oldSeen + " old and " + newSeen
                + " new lines; fix the counts in the @@ header or complete the hunk");
    }

    private PatchRejectedException longHunk(String path, int number, String header, int line, String side) {
        return malformed(path, "line " + (line + 1) + ": hunk #" + number + " " + quote(header) + " of " + path
                + " has more " + side + " lines than its header declares; fix the counts in the @@ header");
    }

    private boolean isFileHeader(int at) {
        return at + 1 < lines.length && header(at).startsWith("--- ") && header(at + 1).startsWith("+++ ");
    }

    /** A line as a header: without the {@code \r} a CRLF transport may have added. */
    private String header(int at) {
        String s = lines[at];
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isBinaryLine(String h) {
        return h.startsWith("Binary files ") && h.endsWith(" differ");
    }

    private PatchRejectedException binary(String path, int at) {
        return new PatchRejectedException(Reason.BINARY, path, "line " + (at + 1) + ": " + quote(header(at))
                + (path == null ? "" : " (" + path + ")")
                + ": binary patches are not supported; change text files only, or add binary files to the repository another way");
    }

    /** Path of a {@code ---}/{@code +++} line: {@code null} for /dev/null, quotes decoded, timestamp and prefix removed. */
    static String headerPath(String rest, String prefix) {
        String path;
        if (rest.startsWith("\"")) {
            path = unquote(rest, 0)[0];
        } else {
            int tab = rest.indexOf('\t');
            path = tab >= 0 ? rest.substring(0, tab) : rest;
            Matcher ts = TRAILING_TIMESTAMP.matcher(path);
            if (ts.matches()) {
                path = ts.group(1);
            }
            path = path.strip();
        }
        if (path.equals("/dev/null")) {
            return null;
        }
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /** The two paths of {@code diff --git a/x b/x} (prefixes removed), or {@code null} when ambiguous. */
    static String[] gitHeaderPaths(String rest) {
        if (rest.startsWith("\"")) {
            String[] first = unquote(rest, 0);
            String after = rest.substring(Integer.parseInt(first[1])).stripLeading();
            String second = after.startsWith("\"") ? unquote(after, 0)[0] : after;
            return new String[] {strip(first[0], "a/"), strip(second, "b/")};
        }
        int quote = rest.indexOf(" \"");
        if (quote > 0) {
            return new String[] {strip(rest.substring(0, quote), "a/"), strip(unquote(rest.substring(quote + 1), 0)[0], "b/")};
        }
        // "a/P b/P": prefer the split where both sides name the same path
        int candidate = -1;
        for (int at = rest.indexOf(' '); at >= 0; at = rest.indexOf(' ', at + 1)) {
            String left = strip(rest.substring(0, at), "a/");
            String right = strip(rest.substring(at + 1), "b/");
            if (left.equals(right)) {
                return new String[] {left, right};
            }
            if (rest.startsWith("b/", at + 1)) {
                candidate = at;
            }
        }
        if (candidate > 0) {
            return new String[] {strip(rest.substring(0, candidate), "a/"), strip(rest.substring(candidate + 1), "b/")};
        }
        return null;
    }

    private static String strip(String path, String prefix) {
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /**
     * Decodes a git C-style quoted path starting at {@code from} (the opening quote).
     *
     * @return {decoded text, index after the closing quote}
     */
    static String[] unquote(String s, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int k = from + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '"') {
                return new String[] {out.toString(StandardCharsets.UTF_8), Integer.toString(k + 1)};
            }
            if (c == '\\' && k + 1 < s.length()) {
                char e = s.charAt(k + 1);
                if (e >= '0' && e <= '7' && k + 3 < s.length()) {
                    out.write(Integer.parseInt(s.substring(k + 1, k + 4), 8));
                    k += 4;
                    continue;
                }
                out.write(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'a' -> 7;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 11;
                    default -> e;
                });
                k += 2;
                continue;
            }
            int cp = s.codePointAt(k);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            k += Character.charCount(cp);
        }
        throw malformed(null, "quoted path " + PathPolicy.show(s) + " has no closing quote");
    }

    static PatchRejectedException malformed(String path, String message) {
        return new PatchRejectedException(Reason.MALFORMED, path, message);
    }

    static String quote(String line) {
        String s = line.length() > 120 ? line.substring(0, 120) + "…" : line;
        return "'" + s + "'";
    }
}
