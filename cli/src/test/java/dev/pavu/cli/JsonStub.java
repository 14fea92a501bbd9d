package dev.pavu.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Pavu service played by a test: a loopback HTTP server whose JSON answers come from the test's
 * {@link Answers}; it records each request as {@code "<METHOD> <uri> <body>"} (plus {@code " auth=<header>"} when
 * asked to). Close it after the test.
 */
final class JsonStub implements AutoCloseable {

    /** One answer: HTTP status and JSON body. */
    record Answer(int status, String json) {
        static Answer ok(String json) {
            return new Answer(200, json);
        }

        static Answer problem(int status, String title, String detail) {
            return new Answer(status, "{\"status\":" + status + ",\"title\":\"" + title + "\",\"detail\":\"" + detail + "\"}");
        }
    }

    /** The test's answers. */
    @FunctionalInterface
    interface Answers {
        /**
         * @param method HTTP method
         * @param uri    path and query
         * @return the answer
         */
        Answer answer(String method, String uri);
    }

    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;

    /**
     * @param context     the path prefix served (e.g. {@code /workers})
     * @param withAuth    whether recorded requests end with their {@code Authorization} header
     * @param answers     the answers
     * @throws IOException when no loopback port can be bound
     */
    JsonStub(String context, boolean withAuth, Answers answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(context, ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String uri = ex.getRequestURI().toString();
            requests.add(ex.getRequestMethod() + " " + uri + " " + body
                    + (withAuth ? " auth=" + ex.getRequestHeaders().getFirst("Authorization") : ""));
            Answer a = answers.answer(ex.getRequestMethod(), uri);
            byte[] b = a.json().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
