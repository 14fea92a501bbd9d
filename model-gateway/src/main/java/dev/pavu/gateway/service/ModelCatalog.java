package dev.pavu.gateway.service;

import dev.pavu.gateway.client.Backend;
import dev.pavu.gateway.client.BackendPolicy;
import dev.pavu.gateway.config.AliasSpec;
import dev.pavu.gateway.config.BackendSpec;
import dev.pavu.gateway.config.GatewayConfig;
import dev.pavu.gateway.config.ModelsFile;
import dev.pavu.gateway.config.ModelsFileLoader;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured aliases and their live backends, read once at start from {@code pavu.gateway.models-file}
 * (or the bundled, empty {@code pavu-models.yaml}). A backend listed under several aliases (same type, URL
 * and model) is one {@link Backend}: one circuit breaker, one concurrency limit.
 */
@Startup
@ApplicationScoped
public class ModelCatalog {

    private final String location;
    private final ModelsFile file;
    private final Map<String, Backend> backendsById = new LinkedHashMap<>();
    private final Map<String, List<Backend>> backendsByAlias = new LinkedHashMap<>();
    private final long loadedAt = Instant.now().getEpochSecond();

    /**
     * Loads and checks the models file and builds the backends.
     *
     * @param config gateway settings
     * @throws IllegalStateException when the models file is missing or invalid (the service does not start)
     */
    public ModelCatalog(GatewayConfig config) {
        this.location = config.modelsFile().filter(s -> !s.isBlank()).orElse("classpath:" + ModelsFileLoader.BUNDLED);
        this.file = ModelsFileLoader.load(location);
        BackendPolicy policy = new BackendPolicy(config.backendTimeout(), config.pullTimeout(),
                config.retry().maxRetries(), config.retry().delay(), config.retry().maxDelay(),
                config.circuitBreaker().requestVolumeThreshold(), config.circuitBreaker().failureRatio(),
                config.circuitBreaker().delay(), config.circuitBreaker().successThreshold());
        for (Map.Entry<String, AliasSpec> alias : file.aliases().entrySet()) {
            List<Backend> backends = new ArrayList<>();
            for (BackendSpec spec : alias.getValue().backends()) {
                backends.add(backendsById.computeIfAbsent(spec.id(),
                        id -> new Backend(spec, apiKey(spec), policy)));
            }
            backendsByAlias.put(alias.getKey(), List.copyOf(backends));
        }
        if (file.aliases().isEmpty()) {
            Log.warnf("no model configured (%s has no alias): set pavu.gateway.models-file; "
                    + "completions will answer 503 no_model_configured", location);
        } else {
            Log.infof("model aliases from %s: %s (%d backends)", location, file.aliases().keySet(), backendsById.size());
        }
    }

    private static String apiKey(BackendSpec spec) {
        return spec.apiKeyEnv() == null ? null : System.getenv(spec.apiKeyEnv());
    }

    /** @return where the models file was read from */
    public String location() {
        return location;
    }

    /** @return whether no alias is configured */
    public boolean isEmpty() {
        return file.aliases().isEmpty();
    }

    /** @return the aliases in file order */
    public Set<String> aliases() {
        return file.aliases().keySet();
    }

    /**
     * @param alias an alias
     * @return its specification
     */
    public Optional<AliasSpec> alias(String alias) {
        return Optional.ofNullable(file.aliases().get(alias));
    }

    /**
     * @param alias an alias
     * @return its backends in order of preference (empty for an unknown alias)
     */
    public List<Backend> backends(String alias) {
        return backendsByAlias.getOrDefault(alias, List.of());
    }

    /** @return every distinct backend */
    public List<Backend> allBackends() {
        return List.copyOf(backendsById.values());
    }

    /** @return epoch seconds when the file was loaded */
    public long loadedAt() {
        return loadedAt;
    }

    /** @return a short string for logs: how many aliases and backends */
    @Override
    public String toString() {
        return backendsByAlias.size() + " aliases, " + backendsById.size() + " backends from " + location;
    }
}
