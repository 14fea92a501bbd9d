package dev.pavu.updater.graph;

import dev.pavu.kit.sources.BundleDownloads;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Opens source bundles from the planner ({@code GET <pavu.graph.planner-url>/sources/{sha}}, service-kit's
 * {@link BundleDownloads}) with the service credential, as the verifier does. Retried with back-off for up to a minute
 * when the planner cannot be reached or answers 5xx (a build that still fails goes back to the queue for the next
 * sweep); a 4xx is not retried.
 */
@ApplicationScoped
public class PlannerBundles implements GraphSources {

    private final BundleDownloads planner;

    public PlannerBundles(GraphConfig config) {
        this.planner = new BundleDownloads(config.plannerUrl(), "updater", Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    @Override
    @Retry(maxRetries = 20, delay = 1000, jitter = 200, maxDuration = 60_000, retryOn = BundleDownloads.Unavailable.class)
    @io.smallrye.faulttolerance.api.ExponentialBackoff(factor = 2, maxDelay = 15_000)
    public InputStream open(String bundleSha) throws IOException {
        InputStream in = planner.open(bundleSha);
        Log.debugf("fetching bundle %s from %s for its code graph", bundleSha, planner.planner());
        return in;
    }
}
