package dev.pavu.planner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.planner.delivery.BranchRules;
import dev.pavu.planner.delivery.ResultBranchRequest;
import dev.pavu.planner.rest.Problem.FieldError;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code resultBranch} field of a job request, read like the rest of it by {@link JobRequests}. */
final class ResultBranchField {

    private static final Set<String> FIELDS = Set.of("name", "credential");

    private ResultBranchField() {
    }

    /**
     * The optional result branch {@code {"name": "fix-median", "credential": "github-bot"}}: only for a job on a git
     * URL (the fix is pushed back there), a valid new branch name (put under the configured prefix), a credential the
     * team may use.
     *
     * @param node      the field's value, or {@code null} when absent
     * @param gitSource whether the job's source is a git URL
     * @param ref       the job's {@code source.ref}, or {@code null}
     * @param rules     the submitting team's branch-name rules and credentials
     * @param errors    receives one {@link FieldError} per problem
     * @return the request, or {@code null} when absent or refused
     */
    static ResultBranchRequest parse(JsonNode node, boolean gitSource, String ref, BranchRules rules,
                                     List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("resultBranch", "expected an object {name, credential}, got " + JobRequests.kind(node)));
            return null;
        }
        if (!gitSource) {
            errors.add(new FieldError("resultBranch", "only a job submitted with source.gitUrl can have a result branch "
                    + "(the fix is pushed back to that URL); for an uploaded project use 'pavu apply ID --branch NAME "
                    + "--commit --push REMOTE' on your machine"));
            return null;
        }
        JobRequests.unknown(node, "resultBranch.", FIELDS, errors);
        String name = JobRequests.text(node, "resultBranch.name", errors);
        String credential = JobRequests.text(node, "resultBranch.credential", errors);
        BranchRules.Checked checked = rules.branch(name, ref);
        if (checked.problem() != null) {
            errors.add(new FieldError("resultBranch.name", checked.problem()));
        }
        Optional<String> refused = rules.credentialRefusal(credential);
        refused.ifPresent(why -> errors.add(new FieldError("resultBranch.credential", why)));
        return checked.problem() == null && refused.isEmpty() ? new ResultBranchRequest(checked.name(), credential.strip())
                : null;
    }
}
