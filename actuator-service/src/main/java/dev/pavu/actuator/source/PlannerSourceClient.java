package dev.pavu.actuator.source;

import dev.pavu.kit.auth.ServiceCredential;
import dev.pavu.actuator.config.ActuatorConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Downloads source bundles from the planner's {@code GET /sources/{sha}} (java.net.http). Each attempt
 * is bounded by {@code pavu.actuator.fetch.request-timeout}; failed attempts are retried with back-off,
 * except a 404 (the planner does not have that bundle: retrying cannot help).
 */
@ApplicationScoped
public class PlannerSourceClient {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ActuatorConfig config;
    private final HttpClient http;

    /**
     * @param config the actuator settings (planner URL, timeouts)
     */
    public PlannerSourceClient(ActuatorConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.fetch().connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Downloads one bundle into a file.
     *
     * @param sha256 the bundle's SHA-256 (64 lowercase hex characters)
     * @param target the file to write (replaced when present)
     * @return {@code target}
     * @throws BundleNotFoundException when the planner answers 404
     * @throws IOException             when the download fails after the retries
     */
    // up to 3 min with backoff (0.5 s doubling to 15 s): a planner being restarted after a crash must not fail the plan
    @Retry(maxRetries = 100, delay = 500, jitter = 200, delayUnit = ChronoUnit.MILLIS, maxDuration = 180,
            durationUnit = ChronoUnit.SECONDS, abortOn = BundleNotFoundException.class)
    @io.smallrye.faulttolerance.api.ExponentialBackoff(factor = 2, maxDelay = 15_000)
    public Path download(String sha256, Path target) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new BundleNotFoundException("not a SHA-256: " + sha256);
        }
        URI uri = config.plannerUrl().resolve(stripSlash(config.plannerUrl().getPath()) + "/sources/" + sha256);
        HttpRequest request = ServiceCredential.apply(HttpRequest.newBuilder(uri)).timeout(config.fetch().requestTimeout()).GET().build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.createDirectories(target.getParent());
        try {
            HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() == 404) {
                throw new BundleNotFoundException("the planner at " + config.plannerUrl() + " has no bundle " + sha256);
            }
            if (response.statusCode() / 100 != 2) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Log.infof("fetched bundle %s (%d bytes) from %s", sha256, Files.size(target), config.plannerUrl());
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching bundle " + sha256, e);
        } catch (IOException e) {
            Log.warnf("fetching bundle %s from %s failed: %s", sha256, uri, e.toString());
            throw e;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String stripSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The planner does not have the bundle asked for (HTTP 404): not retried. */
    public static class BundleNotFoundException extends IOException {
        /** @param message what was asked and where */
        public BundleNotFoundException(String message) {
            super(message);
        }
    }
}
