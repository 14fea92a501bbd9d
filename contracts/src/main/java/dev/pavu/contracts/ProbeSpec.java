package dev.pavu.contracts;

/**
 * The runtime probe of a job: the candidate's application is started in the verifier's sandbox (network namespace
 * with its own loopback only), checked, and stopped. At least one of {@code startCommand} and {@code smokeCommand}
 * is needed to check anything; a {@code healthUrl} needs a {@code startCommand}. The planner checks this when a job
 * is submitted; the verifier reports a probe it cannot run as ERROR at gate {@code probe}.
 *
 * @param startCommand shell command ({@code sh -c}) that starts the application and keeps running, e.g.
 *                     {@code python3 app.py --port 8080}; {@code null} = nothing to start
 * @param healthUrl    URL on the sandbox's loopback polled until it answers 2xx, e.g.
 *                     {@code http://127.0.0.1:8080/health}; 503 means "still starting", any other status fails the
 *                     probe; {@code null} = no health check
 * @param smokeCommand shell command run once the application is healthy (or right away without a health URL);
 *                     exit 0 passes; {@code null} = none
 * @param timeoutMs    how long the application may take to answer the health URL, milliseconds; 0 = the verifier's
 *                     default ({@code pavu.verifier.gates.probe-timeout}, 20 s)
 */
public record ProbeSpec(String startCommand, String healthUrl, String smokeCommand, long timeoutMs) {

    public ProbeSpec {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("probe.timeoutMs must not be negative, was " + timeoutMs);
        }
    }
}
