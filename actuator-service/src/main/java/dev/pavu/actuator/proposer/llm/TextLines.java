package dev.pavu.actuator.proposer.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * A file's text as lines, remembering its line end ({@code \n} or {@code \r\n}) and whether it ends with one,
 * so that an edited file is written back the way it was.
 *
 * @param lines         the lines without line ends
 * @param eol           the file's line end
 * @param finalNewline  whether the text ends with a line end
 */
record TextLines(List<String> lines, String eol, boolean finalNewline) {

    static TextLines of(String text) {
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        boolean fin = text.endsWith("\n");
        String body = fin ? text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1)) : text;
        List<String> lines = new ArrayList<>();
        if (!(body.isEmpty() && (fin || text.isEmpty()))) {
            for (String l : body.split("\r?\n", -1)) {
                lines.add(l);
            }
        }
        if (text.isEmpty()) {
            fin = true;
        }
        return new TextLines(lines, eol, fin);
    }

    String text() {
        if (lines.isEmpty()) {
            return "";
        }
        return String.join(eol, lines) + (finalNewline ? eol : "");
    }
}
