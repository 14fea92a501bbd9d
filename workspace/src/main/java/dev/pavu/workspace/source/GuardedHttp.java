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
 *
 * <p>A transport that carries credentials ({@link #sameOrigin}) also refuses every connection to another scheme, host
 * or port than the URL it was given: a server that redirects elsewhere never receives them.
 */
final class GuardedHttp implements TransportConfigCallback {

    private final RemotePolicy policy;
    /** {@code scheme://host:port} every connection must go to, or {@code null} for any the policy allows. */
    private final String origin;

    GuardedHttp(RemotePolicy policy) {
        this(policy, null);
    }

    private GuardedHttp(RemotePolicy policy, String origin) {
        this.policy = policy;
        this.origin = origin;
    }

    /**
     * @param policy which hosts may be connected to at all
     * @param url    the URL credentials are meant for
     * @return a guard that also refuses connections (redirects) to any other scheme, host or port than {@code url}'s
     */
    static GuardedHttp sameOrigin(RemotePolicy policy, URL url) {
        return new GuardedHttp(policy, origin(url));
    }

    private static String origin(URL url) {
        int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
        return url.getProtocol().toLowerCase(java.util.Locale.ROOT) + "://" + url.getHost().toLowerCase(java.util.Locale.ROOT)
                + ":" + port;
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
        if (origin != null && !origin.equals(origin(url))) {
            throw new IOException("refused to connect to " + url.getHost() + ": credentials are sent only to the host of "
                    + "the job's URL, and the server redirected elsewhere");
        }
        try {
            policy.checkHost(url.getHost());
        } catch (SourceException e) {
            throw new IOException("refused to connect: " + e.getMessage(), e);
        }
    }
}
