package dev.pavu.kit.auth;

import org.eclipse.microprofile.config.ConfigProvider;

import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * The credential a service sends to another: {@code Authorization: Bearer <pavu.auth.service-token>}. For clients
 * that are not MicroProfile REST clients (plain {@code java.net.http}); REST clients register
 * {@link ServiceCredentialFilter}.
 */
public final class ServiceCredential {

    private ServiceCredential() {
    }

    /** @return the {@code Authorization} header value, or empty when no service token is configured */
    public static Optional<String> authorization() {
        return ConfigProvider.getConfig().getOptionalValue("pavu.auth.service-token", String.class)
                .filter(s -> !s.isBlank()).map(s -> "Bearer " + s);
    }

    /**
     * @param request a request being built to another Pavu service
     * @return the same builder, with the service credential when one is configured
     */
    public static HttpRequest.Builder apply(HttpRequest.Builder request) {
        authorization().ifPresent(a -> request.header("Authorization", a));
        return request;
    }
}
