package dev.pavu.updater.graph;

import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.kit.auth.AuthConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asks for the code graph of a job's commit when the audit log records a plan naming it (the first event that carries
 * the resolved source: {@code PlanProposed.source} with {@code commit} and {@code bundleSha}; the JobSubmitted's source
 * is not resolved yet). Runs inside the transaction that records the plan ({@code AuditService.record}): only a row is
 * written there; the build starts after the commit ({@link GraphBuilds}). Once per (team, commit): a redelivered plan,
 * the job's later plans and other jobs of the team on the same commit ask for nothing.
 */
@ApplicationScoped
public class GraphRequests {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final GraphStore store;
    private final GraphConfig config;
    private final AuthConfig auth;
    private final Event<GraphBuilds.Due> due;

    public GraphRequests(GraphStore store, GraphConfig config, AuthConfig auth, Event<GraphBuilds.Due> due) {
        this.store = store;
        this.config = config;
        this.auth = auth;
        this.due = due;
    }

    /**
     * @param plan a plan just appended to the audit log, in the caller's transaction
     * @return the graph requested, or empty when graphs are off, the source is not resolved or malformed, or the
     *         team has that commit's graph already
     * @throws IllegalStateException on a database error (the caller's transaction fails and is retried)
     */
    public Optional<Long> planned(PlanProposed plan) {
        SourceRef source = plan.source();
        if (!config.enabled() || source == null || !source.resolved()) {
            return Optional.empty();
        }
        if (!COMMIT.matcher(source.commit()).matches() || !SHA256.matcher(source.bundleSha()).matches()) {
            Log.debugf("no code graph for job %s: malformed source %s", plan.envelope().jobId(), source);
            return Optional.empty();
        }
        String team = plan.task().team() == null || plan.task().team().isBlank() ? auth.defaultTeam() : plan.task().team();
        Optional<Long> id = store.request(team, source.commit(), source.bundleSha(), plan.envelope().jobId());
        id.ifPresent(g -> {
            Log.infof("code graph of %s (team %s) requested by job %s", source.commit(), team, plan.envelope().jobId());
            due.fire(new GraphBuilds.Due(g));
        });
        return id;
    }
}
