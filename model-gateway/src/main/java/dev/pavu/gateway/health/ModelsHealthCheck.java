package dev.pavu.gateway.health;

import dev.pavu.gateway.client.Backend;
import dev.pavu.gateway.service.ModelCatalog;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the gateway's models ({@code /q/health/ready}): always UP, because a gateway without models
 * or with open circuits still answers (with clear errors); the data tells how many aliases are configured,
 * which file they came from and which backends have an open circuit.
 */
@Readiness
public class ModelsHealthCheck implements HealthCheck {

    private final ModelCatalog catalog;

    /** @param catalog configured aliases */
    public ModelsHealthCheck(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("model-gateway models").up()
                .withData("models-file", catalog.location())
                .withData("aliases", catalog.aliases().size());
        if (catalog.isEmpty()) {
            builder.withData("message", "no model configured: set pavu.gateway.models-file");
        }
        long open = catalog.allBackends().stream().filter(b -> b.circuitState() == CircuitBreakerState.OPEN).count();
        builder.withData("open-circuits", open);
        for (Backend b : catalog.allBackends()) {
            if (b.circuitState() != CircuitBreakerState.CLOSED) {
                builder.withData(b.spec().id(), b.circuitState().name());
            }
        }
        return builder.build();
    }
}
