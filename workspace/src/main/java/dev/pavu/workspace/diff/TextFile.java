package dev.pavu.workspace.diff;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file split into lines, remembering each line's terminator, a UTF-8 byte-order mark and the charset,
 * so that writing it back changes only the lines a patch changed.
 *
 * @param lines   line contents without terminators
 * @param eols    per line {@code "\n"}, {@code "\r\n"} or {@code ""} (only the last line: no final newline)
 * @param bom     the file started with a UTF-8 byte-order mark (not part of {@code lines})
 * @param charset UTF-8, or ISO-8859-1 for files that are not valid UTF-8 (bytes round-trip unchanged)
 */
record TextFile(List<String> lines, List<String> eols, boolean bom, Charset charset) {

    private static final int BINARY_PROBE = 8000;

    static TextFile decode(byte[] data, String path) {
        for (int k = 0; k < Math.min(data.length, BINARY_PROBE); k++) {
            if (data[k] == 0) {
                throw new PatchRejectedException(Reason.BINARY, path, path + " is a binary file (it contains NUL bytes); "
                        + "text diffs cannot change it");
            }
        }
        boolean bom = data.length >= 3 && (data[0] & 0xff) == 0xef && (data[1] & 0xff) == 0xbb && (data[2] & 0xff) == 0xbf;
        int offset = bom ? 3 : 0;
        Charset charset = StandardCharsets.UTF_8;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, data.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            charset = StandardCharsets.ISO_8859_1;
            text = new String(data, offset, data.length - offset, charset);
        }
        List<String> lines = new ArrayList<>();
        List<String> eols = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                lines.add(text.substring(start));
                eols.add("");
                break;
            }
            if (nl > start && text.charAt(nl - 1) == '\r') {
                lines.add(text.substring(start, nl - 1));
                eols.add("\r\n");
            } else {
                lines.add(text.substring(start, nl));
                eols.add("\n");
            }
            start = nl + 1;
        }
        return new TextFile(List.copyOf(lines), List.copyOf(eols), bom, charset);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            sb.append(lines.get(k)).append(eols.get(k));
        }
        out.writeBytes(sb.toString().getBytes(charset));
        return out.toByteArray();
    }

    boolean missingFinalNewline() {
        return !eols.isEmpty() && eols.get(eols.size() - 1).isEmpty();
    }

    /** {@return the terminator most lines use ({@code "\n"} when there is none)} */
    String dominantEol() {
        long crlf = eols.stream().filter("\r\n"::equals).count();
        long lf = eols.stream().filter("\n"::equals).count();
        return crlf > lf ? "\r\n" : "\n";
    }

    /** {@return true when every terminated line uses the same terminator} */
    boolean uniformEols() {
        return eols.stream().filter(e -> !e.isEmpty()).distinct().count() <= 1;
    }
}
