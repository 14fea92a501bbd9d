package dev.pavu.kit.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * Whether the caller may see a job, for services that hold job data without its team (the verifier's run logs):
 * the planner, which owns jobs and their teams, answers {@code GET /jobs/{id}} for the caller's team.
 */
@ApplicationScoped
public class JobAccess {

    private final PlannerJobsClient planner;

    public JobAccess(@RestClient PlannerJobsClient planner) {
        this.planner = planner;
    }

    /**
     * @param identity the caller
     * @param jobId    a job
     * @return whether the caller's team owns the job (always for the service credential acting for all teams)
     * @throws AuthUnavailableException when the planner cannot be asked
     */
    public boolean sees(SecurityIdentity identity, UUID jobId) {
        var team = PavuAuth.team(identity);
        if (team.isEmpty()) {
            return PavuAuth.isService(identity);
        }
        try (Response r = planner.job(jobId, team.get())) {
            return answer(r.getStatus());
        } catch (WebApplicationException e) {
            return answer(e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw new AuthUnavailableException("the planner cannot be reached", e);
        }
    }

    private static boolean answer(int status) {
        if (status == 200) {
            return true;
        }
        if (status == 404) {
            return false;
        }
        throw new AuthUnavailableException("the planner answered " + status + " about a job", null);
    }
}
