package dev.pavu.gateway.service;

import dev.pavu.gateway.config.GatewayConfig;
import dev.pavu.gateway.repository.ModelCall;
import dev.pavu.gateway.repository.ModelCallRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers of deterministic requests by request hash: an in-memory LRU map, backed (when
 * {@code pavu.gateway.cache.persistent}) by the recorded calls, so that it survives restarts and serves
 * replays.
 */
@ApplicationScoped
public class ResponseCache {

    private final GatewayConfig.Cache config;
    private final ModelCallRepository calls;
    private final Map<String, CachedAnswer> entries;

    /**
     * @param config gateway settings
     * @param calls  recorded calls
     */
    public ResponseCache(GatewayConfig config, ModelCallRepository calls) {
        this.config = config.cache();
        this.calls = calls;
        int max = Math.max(1, this.config.maxEntries());
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedAnswer> eldest) {
                return size() > max;
            }
        };
    }

    /** @return whether the cache is on */
    public boolean enabled() {
        return config.enabled();
    }

    /**
     * @param requestHash request hash
     * @return the cached answer: from memory, else (persistent cache) from the latest good recorded call
     */
    public Optional<CachedAnswer> get(String requestHash) {
        synchronized (entries) {
            CachedAnswer hit = entries.get(requestHash);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        if (!config.persistent()) {
            return Optional.empty();
        }
        Optional<CachedAnswer> recorded = recorded(requestHash);
        recorded.ifPresent(a -> put(requestHash, a));
        return recorded;
    }

    /**
     * Looks a request up in the recorded calls only.
     *
     * @param requestHash request hash
     * @return the latest answer a backend gave to that request
     */
    public Optional<CachedAnswer> recorded(String requestHash) {
        try {
            return QuarkusTransaction.joiningExisting().call(() -> calls.latestAnswered(requestHash).map(ResponseCache::toAnswer));
        } catch (RuntimeException e) {
            Log.warnf("recorded-call lookup failed for %s: %s", requestHash, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * @param requestHash request hash
     * @param answer      the answer to keep
     */
    public void put(String requestHash, CachedAnswer answer) {
        synchronized (entries) {
            entries.put(requestHash, answer);
        }
    }

    /** Forgets every in-memory entry (the recorded calls stay). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private static CachedAnswer toAnswer(ModelCall c) {
        return new CachedAnswer(c.responseText, c.finishReason == null ? "stop" : c.finishReason, c.tokensIn,
                c.tokensOut, c.backend, c.model);
    }
}
