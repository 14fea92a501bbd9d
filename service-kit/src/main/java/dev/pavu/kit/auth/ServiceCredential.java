package dev.pavu.kit.auth;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The credential a service sends to another: {@code Authorization: Bearer <pavu.auth.service-token>}. For clients
 * that are not MicroProfile REST clients (plain {@code java.net.http}); REST clients register
 * {@link ServiceCredentialFilter}.
 */
@ApplicationScoped
public class ServiceCredential {

    private final AuthConfig config;

    public ServiceCredential(AuthConfig config) {
        this.config = config;
    }

    /** @return the {@code Authorization} header value, or empty when no service token is configured */
    public Optional<String> authorization() {
        return config.serviceToken().filter(s -> !s.isBlank()).map(s -> "Bearer " + s);
    }
}
