package dev.pavu.verifier.source;

import dev.pavu.kit.auth.ServiceCredential;
import dev.pavu.verifier.config.VerifierConfig;
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
 * Opens source bundles from the planner ({@code GET <planner-url>/sources/{sha}}); the workspace
 * library's {@code SourceCache} calls it once per bundle and checks the bytes against the SHA-256.
 */
@ApplicationScoped
public class PlannerSources {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final VerifierConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public PlannerSources(VerifierConfig config) {
        this.config = config;
    }

    /**
     * Opens one bundle's bytes from the planner (the caller verifies the SHA-256 and closes the stream).
     * Retried when the planner cannot be reached or answers 5xx: with exponential backoff from 1 s to 15 s, for up
     * to 3 minutes — a planner that crashed and is being restarted (30 s and more on a loaded machine) must not turn
     * a candidate into an ERROR verdict (bench/chaos/run's kill scenario saw a job end FAILED when 3 tries 1 s apart
     * all fell in the planner's restart).
     *
     * @param bundleSha SHA-256 (64 lowercase hex) of the bundle
     * @return the response body
     * @throws IOException when the planner cannot be reached (after the retries) or does not have the bundle
     *                     (the message names the URL and the status)
     */
    @Retry(maxRetries = 100, delay = 1000, jitter = 200, maxDuration = 180_000, retryOn = RetryableException.class)
    @io.smallrye.faulttolerance.api.ExponentialBackoff(factor = 2, maxDelay = 15_000)
    public InputStream open(String bundleSha) throws IOException {
        if (bundleSha == null || !SHA256.matcher(bundleSha).matches()) {
            throw new IOException("bundle sha must be 64 lowercase hex characters, was '" + bundleSha + "'");
        }
        URI uri = URI.create(stripSlash(config.plannerUrl()) + "/sources/" + bundleSha);
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(ServiceCredential.apply(HttpRequest.newBuilder(uri)).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RetryableException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        if (resp.statusCode() == 200) {
            Log.debugf("fetching bundle %s from %s", bundleSha, uri);
            return resp.body();
        }
        resp.body().close();
        if (resp.statusCode() >= 500) {
            throw new RetryableException("GET " + uri + " answered " + resp.statusCode(), null);
        }
        throw new IOException(refusal(uri, resp.statusCode(), bundleSha));
    }

    /**
     * What a 4xx answer to a bundle download means for an operator: a 401/403 is this service's credential, not a
     * missing bundle.
     *
     * @param uri       the URL asked
     * @param status    the HTTP status (4xx)
     * @param bundleSha the bundle asked for
     * @return a message naming the URL, the status and what to check
     */
    static String refusal(URI uri, int status, String bundleSha) {
        return switch (status) {
            case 401, 403 -> "GET " + uri + " answered " + status + ": the planner refused this verifier's service "
                    + "credential; check that the verifier and the planner share the same service token "
                    + "(pavu.auth.service-token, environment PAVU_SERVICE_TOKEN)";
            default -> "GET " + uri + " answered " + status + ": the planner does not have bundle " + bundleSha;
        };
    }

    /** A failure worth retrying: the planner was unreachable or answered 5xx. */
    public static class RetryableException extends IOException {
        RetryableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
