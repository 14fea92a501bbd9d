package dev.pavu.gateway.config;

import java.util.List;

/**
 * One model alias ({@code coder}, {@code reasoner}, …): its backends in order of preference.
 *
 * @param description free text shown by {@code GET /v1/models}
 * @param backends    tried in this order; the next one is used when one fails, is open-circuited,
 *                    saturated or has a too small context window
 */
public record AliasSpec(String description, List<BackendSpec> backends) {

    /** Null-safe lists. */
    public AliasSpec {
        backends = backends == null ? List.of() : List.copyOf(backends);
    }
}
