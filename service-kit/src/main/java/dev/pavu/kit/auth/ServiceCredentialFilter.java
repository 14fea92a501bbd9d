package dev.pavu.kit.auth;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Adds the service credential to a REST client's requests that carry no {@code Authorization} yet. Register it with
 * {@code @RegisterProvider(ServiceCredentialFilter.class)} on every client of another Pavu service.
 */
public class ServiceCredentialFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        ConfigProvider.getConfig().getOptionalValue("pavu.auth.service-token", String.class)
                .filter(s -> !s.isBlank())
                .ifPresent(s -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + s));
    }
}
