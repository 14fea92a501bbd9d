package dev.pavu.updater.graph;

import dev.pavu.kit.auth.ServiceCredential;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Opens source bundles from the planner ({@code GET <pavu.graph.planner-url>/sources/{sha}}) with the service
 * credential, as the verifier does. Retried with back-off for up to a minute when the planner cannot be reached or
 * answers 5xx (a build that still fails goes back to the queue for the next sweep); a 4xx is not retried.
 */
@ApplicationScoped
public class PlannerBundles implements GraphSources {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final GraphConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public PlannerBundles(GraphConfig config) {
        this.config = config;
    }

    @Override
    @Retry(maxRetries = 20, delay = 1000, jitter = 200, maxDuration = 60_000, retryOn = Unavailable.class)
    @io.smallrye.faulttolerance.api.ExponentialBackoff(factor = 2, maxDelay = 15_000)
    public InputStream open(String bundleSha) throws IOException {
        if (bundleSha == null || !SHA256.matcher(bundleSha).matches()) {
            throw new IOException("bundle sha must be 64 lowercase hex characters, was '" + bundleSha + "'");
        }
        String base = config.plannerUrl().replaceAll("/+$", "");
        URI uri = URI.create(base + "/sources/" + bundleSha);
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(ServiceCredential.apply(HttpRequest.newBuilder(uri)).timeout(Duration.ofMinutes(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new Unavailable("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        if (resp.statusCode() == 200) {
            Log.debugf("fetching bundle %s from %s for its code graph", bundleSha, uri);
            return resp.body();
        }
        resp.body().close();
        if (resp.statusCode() >= 500) {
            throw new Unavailable("GET " + uri + " answered " + resp.statusCode(), null);
        }
        throw new IOException("GET " + uri + " answered " + resp.statusCode() + (resp.statusCode() == 401
                || resp.statusCode() == 403 ? ": the planner refused the updater's service credential (check "
                + "PAVU_SERVICE_TOKEN)" : ": the planner does not have bundle " + bundleSha));
    }

    /** The planner could not be reached or answered 5xx: retried. */
    public static class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
