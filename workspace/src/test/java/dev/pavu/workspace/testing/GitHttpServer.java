package dev.pavu.workspace.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real git server over HTTP for tests: the system's {@code git http-backend} (smart HTTP, the CGI program git ships)
 * behind the JDK's HTTP server, serving the bare repositories under a directory at {@code http://localhost:<port>/}.
 * Reads (clone, fetch) are anonymous; pushes ({@code git-receive-pack}) need HTTP basic authentication with the one
 * user and password it was made with (else 401). Every {@code Authorization} header it receives is recorded.
 */
public final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final String user;
    private final String password;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    /**
     * Starts the server on a free port of the loopback.
     *
     * @param root     directory holding bare repositories ({@code <name>.git})
     * @param user     the user allowed to push
     * @param password its password
     * @throws IOException when the port cannot be bound
     */
    public GitHttpServer(Path root, String user, String password) throws IOException {
        this.root = root;
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** @return {@code http://localhost:<port>/<name>} */
    public String url(String name) {
        return "http://localhost:" + port() + "/" + name;
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return every {@code Authorization} header received so far, in order */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            String query = ex.getRequestURI().getRawQuery();
            String path = ex.getRequestURI().getRawPath();
            boolean push = path.endsWith("/git-receive-pack") || (query != null && query.contains("git-receive-pack"));
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (push && !expected.equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"pavu-test\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = pb.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REQUEST_METHOD", ex.getRequestMethod());
            env.put("PATH_INFO", path);
            env.put("QUERY_STRING", query == null ? "" : query);
            env.put("CONTENT_LENGTH", String.valueOf(body.length));
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            env.put("CONTENT_TYPE", type == null ? "" : type);
            String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null) {
                env.put("HTTP_CONTENT_ENCODING", encoding);
            }
            String protocol = ex.getRequestHeaders().getFirst("Git-Protocol");
            if (protocol != null) {
                env.put("GIT_PROTOCOL", protocol);
            }
            env.put("REMOTE_ADDR", "127.0.0.1");
            if (push) {
                env.put("REMOTE_USER", user);
            }
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(body);
            }
            byte[] out;
            try (InputStream o = p.getInputStream()) {
                out = o.readAllBytes();
            }
            p.waitFor(30, TimeUnit.SECONDS);
            respond(ex, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns the CGI output (headers, a blank line, the body) into the HTTP answer. */
    private static void respond(HttpExchange ex, byte[] out) throws IOException {
        int split = -1;
        int skip = 0;
        for (int i = 0; i + 1 < out.length; i++) {
            if (out[i] == '\n' && out[i + 1] == '\n') {
                split = i;
                skip = 2;
                break;
            }
            if (i + 3 < out.length && out[i] == '\r' && out[i + 1] == '\n' && out[i + 2] == '\r' && out[i + 3] == '\n') {
                split = i;
                skip = 4;
                break;
            }
        }
        if (split < 0) {
            ex.sendResponseHeaders(500, -1);
            return;
        }
        int status = 200;
        for (String line : new String(out, 0, split, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                ex.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(out, split + skip, out.length - split - skip);
        ex.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        if (body.size() > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                body.writeTo(os);
            }
        }
    }

    /**
     * Makes a bare repository {@code <name>} under the root from a working repository's branches.
     *
     * @param name   e.g. {@code app.git}
     * @param source a repository directory to clone from
     * @return the bare repository's directory
     * @throws Exception when git fails
     */
    public Path publish(String name, Path source) throws Exception {
        Path bare = root.resolve(name);
        Process p = new ProcessBuilder("git", "clone", "--bare", "-q", source.toString(), bare.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git clone --bare failed: " + log);
        }
        Files.writeString(bare.resolve("git-daemon-export-ok"), "");
        return bare;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
