package dev.pavu.actuator.proposer.priors;

import dev.pavu.kit.auth.ServiceCredential;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.actuator.config.PriorsConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads the updater's pattern statistics, {@code GET ${pavu.actuator.priors.updater-url}/stats/patterns}
 * (java.net.http). Each attempt is bounded by {@code pavu.actuator.priors.timeout}; one retry; when the
 * updater cannot be reached or answers an error the answer is empty (and the priors fall back to the
 * static table), never an exception.
 */
@ApplicationScoped
public class UpdaterStatsClient implements PatternStatsSource {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final PriorsConfig config;
    private final HttpClient http;

    /**
     * @param config the priors settings (updater URL, timeout)
     */
    public UpdaterStatsClient(PriorsConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, delayUnit = ChronoUnit.MILLIS)
    @Fallback(fallbackMethod = "unavailable")
    public Optional<PatternStats> fetch() {
        URI base = config.updaterUrl();
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        URI uri = base.resolve(path + "/stats/patterns");
        HttpRequest request = ServiceCredential.apply(HttpRequest.newBuilder(uri)).timeout(config.timeout())
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            return Optional.of(JSON.readValue(response.body(), PatternStats.class));
        } catch (IOException e) {
            Log.debugf("GET %s failed: %s", uri, e.toString());
            throw new IllegalStateException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
    }

    /** @return nothing: the statistics are unavailable (logged; the cause was logged by the attempt) */
    Optional<PatternStats> unavailable() {
        Log.warnf("pattern statistics unavailable from %s: the static priors stand in", config.updaterUrl());
        return Optional.empty();
    }
}
