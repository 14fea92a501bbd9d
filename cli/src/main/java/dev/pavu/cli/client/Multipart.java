package dev.pavu.cli.client;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body whose file parts are streamed from disk (a bundle may be large).
 */
final class Multipart {

    private final String boundary = "pavu-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

    /** @return the {@code Content-Type} header value, boundary included */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * @param name        form field name
     * @param contentType e.g. {@code application/json}
     * @param content     UTF-8 text
     * @return this
     */
    Multipart text(String name, String contentType, String content) {
        parts.add(bytes(header(name, null, contentType)));
        parts.add(bytes(content));
        parts.add(bytes("\r\n"));
        return this;
    }

    /**
     * @param name        form field name
     * @param filename    file name announced to the server
     * @param contentType e.g. {@code application/octet-stream}
     * @param file        the file streamed as the part's content
     * @return this
     * @throws FileNotFoundException when the file is missing
     */
    Multipart file(String name, String filename, String contentType, Path file) throws FileNotFoundException {
        parts.add(bytes(header(name, filename, contentType)));
        parts.add(HttpRequest.BodyPublishers.ofFile(file));
        parts.add(bytes("\r\n"));
        return this;
    }

    /** @return the whole body, closing boundary included */
    HttpRequest.BodyPublisher publisher() {
        List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
        all.add(bytes("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private String header(String name, String filename, String contentType) {
        StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (filename != null) {
            h.append("; filename=\"").append(filename).append('"');
        }
        return h.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n").toString();
    }

    private static HttpRequest.BodyPublisher bytes(String s) {
        return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.UTF_8));
    }
}
