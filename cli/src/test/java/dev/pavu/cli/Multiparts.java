package dev.pavu.cli;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Splits a multipart/form-data body into its parts (name → bytes), byte-exact. */
final class Multiparts {

    /** One part. */
    record Part(String name, String filename, String contentType, byte[] content) {
    }

    private Multiparts() {
    }

    static Map<String, Part> parse(String contentType, byte[] body) {
        String boundary = contentType.replaceFirst("(?i)^.*boundary=\"?([^\";]+)\"?.*$", "$1");
        // ISO-8859-1 maps every byte to one char and back: binary parts survive
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        String delimiter = "--" + boundary;
        int pos = text.indexOf(delimiter);
        if (pos < 0) {
            throw new AssertionError("no boundary " + boundary + " in the body");
        }
        while (true) {
            int start = pos + delimiter.length();
            if (text.startsWith("--", start)) {
                break; // closing delimiter
            }
            start += 2; // CRLF
            int headersEnd = text.indexOf("\r\n\r\n", start);
            String headers = text.substring(start, headersEnd);
            int next = text.indexOf("\r\n" + delimiter, headersEnd + 4);
            if (next < 0) {
                throw new AssertionError("unterminated part");
            }
            byte[] content = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
            String name = headers.replaceFirst("(?is)^.*?;\\s*name=\"([^\"]*)\".*$", "$1");
            String filename = headers.matches("(?is).*filename=\"[^\"]*\".*") ? headers.replaceFirst("(?is)^.*filename=\"([^\"]*)\".*$", "$1") : null;
            String type = headers.matches("(?is).*content-type:.*") ? headers.replaceFirst("(?is)^.*content-type:\\s*([^\\r\\n]+).*$", "$1") : null;
            parts.put(name, new Part(name, filename, type, content));
            pos = next + 2;
        }
        return parts;
    }
}
