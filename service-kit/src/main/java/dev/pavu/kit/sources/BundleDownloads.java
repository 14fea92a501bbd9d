package dev.pavu.kit.sources;

import dev.pavu.kit.auth.ServiceCredential;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Downloads source bundles from the planner's {@code GET /sources/{sha}} with this service's credential
 * ({@link ServiceCredential}): the one download the actuator, the verifier and the updater share. It makes one attempt;
 * each caller retries {@link Unavailable} with its own SmallRye Fault Tolerance policy (a planner being restarted must
 * not fail a plan, a candidate or a graph build). The caller checks the bytes against the SHA-256.
 * <p>
 * Errors: {@link Unavailable} when the planner cannot be reached or answers 5xx (worth retrying); {@link Refused} for
 * 401/403 (this service's credential, not a missing bundle); {@link NotFound} for a malformed SHA-256, 404 and any
 * other answer.
 */
public final class BundleDownloads {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final URI planner;
    private final String service;
    private final Duration requestTimeout;
    private final HttpClient http;

    /**
     * @param plannerUrl     the planner's base URL (a trailing slash is ignored)
     * @param service        this service's name, for the messages (e.g. {@code verifier})
     * @param connectTimeout the connection's limit
     * @param requestTimeout one request's limit, until the response headers (a streamed body is read by the caller)
     */
    public BundleDownloads(String plannerUrl, String service, Duration connectTimeout, Duration requestTimeout) {
        this.planner = URI.create(plannerUrl.replaceAll("/+$", ""));
        this.service = service;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @param bundleSha the bundle's SHA-256, 64 lower-case hex digits
     * @return the bundle's bytes as they arrive; the caller closes the stream
     * @throws IOException {@link Unavailable}, {@link Refused} or {@link NotFound} (see the class comment), or when
     *                     interrupted
     */
    public InputStream open(String bundleSha) throws IOException {
        URI uri = uri(bundleSha);
        HttpResponse<InputStream> resp = send(uri, HttpResponse.BodyHandlers.ofInputStream());
        if (resp.statusCode() == 200) {
            return resp.body();
        }
        resp.body().close();
        throw failure(uri, resp.statusCode(), bundleSha);
    }

    /**
     * Downloads one bundle into a file: written as {@code <target>.part}, moved into place when complete.
     *
     * @param bundleSha the bundle's SHA-256, 64 lower-case hex digits
     * @param target    the file to write (replaced when present)
     * @return {@code target}
     * @throws IOException as {@link #open}, or when the file cannot be written
     */
    public Path download(String bundleSha, Path target) throws IOException {
        URI uri = uri(bundleSha);
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.createDirectories(target.getParent());
        try {
            HttpResponse<Path> resp = send(uri, HttpResponse.BodyHandlers.ofFile(partial));
            if (resp.statusCode() != 200) {
                throw failure(uri, resp.statusCode(), bundleSha);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** @return the planner's base URL, without a trailing slash */
    public URI planner() {
        return planner;
    }

    private URI uri(String bundleSha) throws NotFound {
        if (bundleSha == null || !SHA256.matcher(bundleSha).matches()) {
            throw new NotFound("bundle sha must be 64 lowercase hex characters, was '" + bundleSha + "'");
        }
        return URI.create(planner + "/sources/" + bundleSha);
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(ServiceCredential.apply(HttpRequest.newBuilder(uri)).timeout(requestTimeout).GET().build(), body);
        } catch (IOException e) {
            throw new Unavailable("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }

    /**
     * @param uri       the URL asked
     * @param status    the HTTP status, not 200
     * @param bundleSha the bundle asked for
     * @return the exception for that answer, its message naming the URL, the status and what to check
     */
    IOException failure(URI uri, int status, String bundleSha) {
        String asked = "GET " + uri + " answered " + status;
        return switch (status) {
            case 401, 403 -> new Refused(asked + ": the planner refused this " + service + "'s service credential; check that "
                    + "the " + service + " and the planner share the same service token (pavu.auth.service-token, "
                    + "environment PAVU_SERVICE_TOKEN)");
            default -> status >= 500 ? new Unavailable(asked, null)
                    : new NotFound(asked + ": the planner does not have bundle " + bundleSha);
        };
    }

    /** The planner could not be reached or answered 5xx: worth retrying. */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The planner refused this service's credential (401/403): retrying cannot help. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** No such bundle (404, another 4xx, or a malformed SHA-256): retrying cannot help. */
    public static final class NotFound extends IOException {
        NotFound(String message) {
            super(message);
        }
    }
}
