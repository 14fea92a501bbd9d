package dev.pavu.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener on a loopback port of the host that records every connection it gets (with the first request
 * line, when one comes within a second): the containment suite's witness that a build step or a test
 * reached the host's network. Nothing legitimate ever connects to it.
 */
final class Canary implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> hits = new CopyOnWriteArrayList<>();

    Canary() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("canary").start(this::accept);
    }

    /** @return the port on 127.0.0.1 */
    int port() {
        return server.getLocalPort();
    }

    /** @return one entry per connection so far: the first request line, or {@code (no request)} */
    List<String> hits() {
        return List.copyOf(hits);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(1000);
                String first = "(no request)";
                try {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[256];
                    int n = in.read(buf);
                    if (n > 0) {
                        first = new String(buf, 0, n, StandardCharsets.US_ASCII).lines().findFirst().orElse(first);
                    }
                } catch (IOException e) {
                    // no request line
                }
                hits.add(first);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
