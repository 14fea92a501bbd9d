package dev.pavu.verifier.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready} entry {@code sandbox}: DOWN when candidates cannot run (no working sandbox and running
 * without one not allowed; {@code refusal} says why and what to set); UP otherwise, with {@code kind} (e.g.
 * {@code bubblewrap}, {@code unsandboxed}), {@code isolated} (false = candidates run unsandboxed, explicitly allowed)
 * and {@code containment} (one line: user, seccomp, cgroup caps).
 */
@Readiness
@ApplicationScoped
public class SandboxHealthCheck implements HealthCheck {

    private final Sandbox sandbox;

    public SandboxHealthCheck(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sandbox").withData("kind", sandbox.name())
                .withData("isolated", sandbox.isolated()).withData("containment", sandbox.describe());
        return sandbox.refusal().map(r -> b.down().withData("refusal", r).build()).orElseGet(() -> b.up().build());
    }
}
