package dev.pavu.planner.rest;

import dev.pavu.kit.auth.PavuAuth;
import dev.pavu.planner.repository.JobEntity;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/** The jobs the caller may see: those of its team (all of them for the service credential). */
@RequestScoped
public class VisibleJobs {

    private final SecurityIdentity identity;

    public VisibleJobs(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * @param id a job id
     * @return the job, when the caller's team may see it
     * @throws ProblemException 400 for a malformed id; 404 for an unknown job and for another team's (the same
     *                          answer, so that an id tells nothing about other teams)
     */
    public JobEntity find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("id", "a job id is a UUID such as 3f2b9c1e-8d4a-4e8b-9c2f-1a2b3c4d5e6f, got '" + id + "'");
        }
        JobEntity j = JobEntity.findById(uuid);
        if (j == null || !PavuAuth.sees(identity, j.team)) {
            throw ProblemException.notFound("no job " + uuid);
        }
        return j;
    }
}
