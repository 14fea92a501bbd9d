package dev.pavu.planner.source;

import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.workspace.source.RemotePolicy;
import dev.pavu.workspace.source.SourceException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The planner's rule for git URLs submitted over HTTP: {@code http(s)://} to public hosts, or to hosts named in
 * {@code pavu.planner.sources.allowed-hosts} (see {@link RemotePolicy}). Checked when a job is submitted (400) and
 * again on every connection of the clone (redirects, a name re-resolving to another address).
 */
@ApplicationScoped
public class SubmittedUrls {

    private final RemotePolicy policy;

    public SubmittedUrls(PlannerConfig config) {
        this.policy = RemotePolicy.publicOnly(config.sources().allowedHosts().orElse(List.of()));
    }

    /**
     * @param url the submitted URL
     * @return empty when it may be cloned, else the reason, naming neither a host path nor a resolved address
     */
    public Optional<String> refusal(String url) {
        try {
            policy.checkUrl(url);
            return Optional.empty();
        } catch (SourceException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @return the policy the clone runs under */
    public RemotePolicy policy() {
        return policy;
    }
}
