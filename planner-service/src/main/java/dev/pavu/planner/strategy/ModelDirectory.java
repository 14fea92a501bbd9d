package dev.pavu.planner.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.planner.client.GatewayClient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The aliases the model gateway serves ({@code GET /v1/models}) with each one's capability score, asked at most
 * once per {@code pavu.planner.strategy.models-cache-for} (a failure is remembered for a few seconds only).
 */
@ApplicationScoped
public class ModelDirectory {

    /**
     * What the gateway said.
     *
     * @param capabilities alias → capability (0..1; {@code NaN} when the gateway gives none), in its order
     * @param problem      why the gateway could not be asked, or {@code null}
     * @param gatewayUrl   the gateway's URL, for messages
     */
    public record Aliases(Map<String, Double> capabilities, String problem, String gatewayUrl) {
        /** @param alias an alias @return whether the gateway serves it */
        public boolean knows(String alias) {
            return alias != null && capabilities.containsKey(alias);
        }

        /** @param alias an alias @return its capability, when the gateway gives one */
        public Optional<Double> capability(String alias) {
            Double c = capabilities.get(alias);
            return c == null || c.isNaN() ? Optional.empty() : Optional.of(c);
        }
    }

    private final GatewayClient gateway;
    private final Duration cacheFor;
    private final String url;
    private Aliases cached;
    private Instant cachedAt = Instant.EPOCH;

    /**
     * @param gateway the gateway client
     * @param config  strategy settings
     * @param url     the gateway's URL
     */
    public ModelDirectory(@RestClient GatewayClient gateway, StrategyConfig config,
                          @ConfigProperty(name = "quarkus.rest-client.gateway.url") String url) {
        this.gateway = gateway;
        this.cacheFor = config.modelsCacheFor();
        this.url = url;
    }

    /** @return the gateway's aliases, or the problem asking it */
    public synchronized Aliases aliases() {
        Duration age = Duration.between(cachedAt, Instant.now());
        if (cached != null && age.compareTo(cached.problem() == null ? cacheFor : Duration.ofSeconds(5)) < 0) {
            return cached;
        }
        try {
            cached = read(gateway.models(), url);
        } catch (WebApplicationException e) {
            cached = new Aliases(Map.of(), "the model gateway at " + url + " answered " + e.getResponse().getStatus()
                    + " to GET /v1/models", url);
        } catch (RuntimeException e) {
            cached = new Aliases(Map.of(), "the model gateway at " + url + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")", url);
        }
        if (cached.problem() != null) {
            Log.warnf("%s", cached.problem());
        }
        cachedAt = Instant.now();
        return cached;
    }

    /**
     * @param models the gateway's {@code GET /v1/models} answer
     * @param url    its URL
     * @return alias → capability: the first backend's whose circuit is not open (else the first's); a capability of
     *         0 or less counts as not given
     */
    static Aliases read(JsonNode models, String url) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode m : models.path("data")) {
            String id = m.path("id").asText(null);
            if (id == null) {
                continue;
            }
            double capability = Double.NaN;
            for (JsonNode b : m.path("backends")) {
                double c = b.path("capability").asDouble(0);
                if (c > 0 && (Double.isNaN(capability) || !"OPEN".equals(b.path("circuit").asText()))) {
                    capability = c;
                    if (!"OPEN".equals(b.path("circuit").asText())) {
                        break;
                    }
                }
            }
            out.put(id, capability);
        }
        return new Aliases(out, null, url);
    }
}
