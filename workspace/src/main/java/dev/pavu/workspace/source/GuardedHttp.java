package dev.pavu.workspace.source;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * Puts a {@link RemotePolicy} in front of every HTTP connection of one fetch: the host of each request — the first
 * and every redirect — is resolved and checked just before JGit connects, so a public host that redirects to
 * {@code http://169.254.169.254/} or a name that re-resolves to a private address is refused. Transports other than
 * HTTP are refused outright.
 */
final class GuardedHttp implements TransportConfigCallback {

    private final RemotePolicy policy;

    GuardedHttp(RemotePolicy policy) {
        this.policy = policy;
    }

    @Override
    public void configure(Transport transport) {
        if (!(transport instanceof TransportHttp http)) {
            throw new SourceException("only http(s) repositories may be fetched for a submitted URL, not "
                    + transport.getURI().getScheme());
        }
        HttpConnectionFactory inner = http.getHttpConnectionFactory() != null
                ? http.getHttpConnectionFactory() : HttpTransport.getConnectionFactory();
        http.setHttpConnectionFactory(new HttpConnectionFactory() {
            @Override
            public HttpConnection create(URL url) throws IOException {
                check(url);
                return inner.create(url);
            }

            @Override
            public HttpConnection create(URL url, Proxy proxy) throws IOException {
                check(url);
                return inner.create(url, proxy);
            }
        });
    }

    private void check(URL url) throws IOException {
        String protocol = url.getProtocol().toLowerCase(java.util.Locale.ROOT);
        if (!protocol.equals("https") && !protocol.equals("http")) {
            throw new IOException("refused a redirect to a " + protocol + " URL");
        }
        try {
            policy.checkHost(url.getHost());
        } catch (SourceException e) {
            throw new IOException("refused to connect: " + e.getMessage(), e);
        }
    }
}
