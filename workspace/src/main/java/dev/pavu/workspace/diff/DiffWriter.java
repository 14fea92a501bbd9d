package dev.pavu.workspace.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a git-style unified diff of one file with java-diff-utils ({@link DiffUtils#diff} and
 * {@link UnifiedDiffUtils#generateUnifiedDiff}), adding git's headers and {@code \ No newline at end of file}
 * markers.
 */
final class DiffWriter {

    /** Marks a last line without a terminator so that the diff algorithm sees the difference. */
    private static final String NO_EOL = "\u0000<pavu:no-final-newline>";
    private static final int CONTEXT = 3;

    private DiffWriter() {
    }

    static String create(String path, String original, String revised) {
        if (Objects.equals(original, revised)) {
            return "";
        }
        String p = PathPolicy.normalise(path);
        List<String> before = original == null ? List.of() : split(original);
        List<String> after = revised == null ? List.of() : split(revised);
        String a = quote("a/" + p);
        String b = quote("b/" + p);
        StringBuilder out = new StringBuilder();
        out.append("diff --git ").append(a).append(' ').append(b).append('\n');
        if (original == null) {
            out.append("new file mode 100644\n");
        } else if (revised == null) {
            out.append("deleted file mode 100644\n");
        }
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return out.toString(); // an empty file created or deleted: git writes the header only
        }
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(before.isEmpty() ? null : a, b, before, patch, CONTEXT);
        out.append("--- ").append(original == null ? "/dev/null" : a).append('\n');
        out.append("+++ ").append(revised == null ? "/dev/null" : b).append('\n');
        for (String line : unified.subList(2, unified.size())) {
            if (line.endsWith(NO_EOL)) {
                out.append(line, 0, line.length() - NO_EOL.length()).append('\n').append(DiffParser.NO_NEWLINE).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Lines split at {@code \n} (a {@code \r} stays in the line); a last line without {@code \n} is marked. */
    private static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                lines.add(text.substring(start) + NO_EOL);
                break;
            }
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        return lines;
    }

    private static String quote(String path) {
        if (path.indexOf('"') < 0 && path.strip().equals(path)) {
            return path;
        }
        return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
