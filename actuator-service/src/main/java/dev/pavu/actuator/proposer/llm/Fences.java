package dev.pavu.actuator.proposer.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown code fences in a model's answer ({@code ```diff … ```}, {@code ~~~java … ~~~}).
 */
public final class Fences {

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})\\s*([\\w+#.-]*)[^`]*$");

    private Fences() {
    }

    /**
     * A fenced block.
     *
     * @param language the info string's first word, lower case ({@code diff}, {@code java}, …), or empty
     * @param content  the lines between the fences, joined with {@code \n}
     */
    public record Block(String language, String content) {
    }

    /**
     * @param line one line
     * @return whether it opens or closes a fence
     */
    public static boolean isFence(String line) {
        return FENCE.matcher(line).matches();
    }

    /**
     * @param text a model's answer
     * @return the fenced blocks in order; a block left open runs to the end of the text
     */
    public static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String open = null;
        String language = "";
        List<String> lines = new ArrayList<>();
        for (String line : lines(text)) {
            Matcher m = FENCE.matcher(line);
            if (open == null) {
                if (m.matches()) {
                    open = m.group(1);
                    language = m.group(2).toLowerCase(java.util.Locale.ROOT);
                    lines = new ArrayList<>();
                }
            } else if (m.matches() && m.group(1).charAt(0) == open.charAt(0) && m.group(1).length() >= open.length()
                    && m.group(2).isEmpty()) {
                blocks.add(new Block(language, String.join("\n", lines)));
                open = null;
            } else {
                lines.add(line);
            }
        }
        if (open != null) {
            blocks.add(new Block(language, String.join("\n", lines)));
        }
        return blocks;
    }

    /**
     * @param text a model's answer
     * @return the text without its fence lines (the content of every block kept in place)
     */
    public static String strip(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : lines(text)) {
            if (!isFence(line)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    /** @return the lines of {@code text}, CRLF and CR read as line ends */
    static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    }
}
