package dev.pavu.gateway.service;

import dev.pavu.gateway.client.Backend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Micrometer meters of the gateway, scraped at {@code /q/metrics} (Prometheus format):
 * <ul>
 *   <li>{@code pavu_gateway_calls_total{alias,backend,outcome,cached}} calls by outcome;</li>
 *   <li>{@code pavu_gateway_latency_seconds{alias,outcome}} time spent in the gateway per call;</li>
 *   <li>{@code pavu_gateway_tokens_total{alias,tenant,direction=in|out}} tokens charged by backends;</li>
 *   <li>{@code pavu_gateway_cost_total{alias}} cost from the models file's cost per 1k tokens;</li>
 *   <li>{@code pavu_gateway_backend_circuit_open{backend}} 1 while a backend's circuit is open;</li>
 *   <li>{@code pavu_gateway_backend_in_flight{backend}} calls in flight per backend.</li>
 * </ul>
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;

    /**
     * Registers the per-backend gauges.
     *
     * @param registry the meter registry
     * @param catalog  configured backends
     */
    public GatewayMetrics(MeterRegistry registry, ModelCatalog catalog) {
        this.registry = registry;
        for (Backend b : catalog.allBackends()) {
            Gauge.builder("pavu.gateway.backend.circuit.open", b, x -> x.circuitState() == CircuitBreakerState.OPEN ? 1 : 0)
                    .tag("backend", b.spec().id()).description("1 while the backend's circuit breaker is open")
                    .register(registry);
            Gauge.builder("pavu.gateway.backend.in.flight", b, Backend::inFlight)
                    .tag("backend", b.spec().id()).description("calls in flight on the backend").register(registry);
        }
    }

    /**
     * Counts one finished call.
     *
     * @param alias     alias asked for
     * @param backend   backend id or {@code none}
     * @param outcome   outcome
     * @param cached    from the cache
     * @param latency   time in the gateway
     * @param tenant    tenant charged
     * @param tokensIn  prompt tokens charged (0 when cached or failed)
     * @param tokensOut completion tokens charged
     * @param cost      cost charged
     */
    public void call(String alias, String backend, Outcome outcome, boolean cached, Duration latency, String tenant,
                     int tokensIn, int tokensOut, double cost) {
        Counter.builder("pavu.gateway.calls").description("chat completion calls")
                .tags("alias", alias, "backend", backend == null ? "none" : backend, "outcome", outcome.label(),
                        "cached", Boolean.toString(cached))
                .register(registry).increment();
        Timer.builder("pavu.gateway.latency").description("time spent in the gateway per call")
                .tags("alias", alias, "outcome", outcome.label())
                .publishPercentiles(0.5, 0.95)
                .register(registry).record(latency);
        if (tokensIn > 0) {
            Counter.builder("pavu.gateway.tokens").tags("alias", alias, "tenant", tenant, "direction", "in")
                    .register(registry).increment(tokensIn);
        }
        if (tokensOut > 0) {
            Counter.builder("pavu.gateway.tokens").tags("alias", alias, "tenant", tenant, "direction", "out")
                    .register(registry).increment(tokensOut);
        }
        if (cost > 0) {
            Counter.builder("pavu.gateway.cost").tags("alias", alias).register(registry).increment(cost);
        }
    }
}
