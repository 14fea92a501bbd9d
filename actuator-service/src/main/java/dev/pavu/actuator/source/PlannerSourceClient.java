package dev.pavu.actuator.source;

import dev.pavu.actuator.config.ActuatorConfig;
import dev.pavu.kit.sources.BundleDownloads;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;

/**
 * Downloads source bundles from the planner's {@code GET /sources/{sha}} (service-kit's {@link BundleDownloads}). Each
 * attempt is bounded by {@code pavu.actuator.fetch.request-timeout}; failed attempts are retried with back-off, except
 * a missing bundle or a refused credential (retrying cannot help).
 */
@ApplicationScoped
public class PlannerSourceClient {

    private final BundleDownloads planner;

    /**
     * @param config the actuator settings (planner URL, timeouts)
     */
    public PlannerSourceClient(ActuatorConfig config) {
        this.planner = new BundleDownloads(config.plannerUrl().toString(), "actuator", config.fetch().connectTimeout(),
                config.fetch().requestTimeout());
    }

    /**
     * Downloads one bundle into a file.
     *
     * @param sha256 the bundle's SHA-256 (64 lowercase hex characters)
     * @param target the file to write (replaced when present)
     * @return {@code target}
     * @throws BundleDownloads.NotFound when the planner does not have it (or the SHA-256 is malformed)
     * @throws BundleDownloads.Refused  when the planner refuses the actuator's service credential
     * @throws IOException              when the download fails after the retries
     */
    // up to 3 min with backoff (0.5 s doubling to 15 s): a planner being restarted after a crash must not fail the plan
    @Retry(maxRetries = 100, delay = 500, jitter = 200, delayUnit = ChronoUnit.MILLIS, maxDuration = 180,
            durationUnit = ChronoUnit.SECONDS, abortOn = {BundleDownloads.NotFound.class, BundleDownloads.Refused.class})
    @io.smallrye.faulttolerance.api.ExponentialBackoff(factor = 2, maxDelay = 15_000)
    public Path download(String sha256, Path target) throws IOException {
        try {
            planner.download(sha256, target);
            Log.infof("fetched bundle %s (%d bytes) from %s", sha256, Files.size(target), planner.planner());
            return target;
        } catch (IOException e) {
            Log.warnf("fetching bundle %s from %s failed: %s", sha256, planner.planner(), e.toString());
            throw e;
        }
    }
}
