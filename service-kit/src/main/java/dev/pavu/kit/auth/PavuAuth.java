package dev.pavu.kit.auth;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.Optional;

/**
 * Constants and helpers about the authenticated caller: its team and whether it is one of Pavu's services.
 */
public final class PavuAuth {

    /** Identity attribute holding the caller's team (a String). Absent for the service credential acting for all teams. */
    public static final String TEAM_ATTRIBUTE = "pavu.team";
    /** Identity attribute holding the caller's {@link Role}. */
    public static final String ROLE_ATTRIBUTE = "pavu.role";
    /** Identity attribute holding the API token's id (absent for OIDC and the service credential). */
    public static final String TOKEN_ID_ATTRIBUTE = "pavu.token-id";
    /**
     * Header a service sends with the service credential to act for one team (e.g. the job's team when it calls
     * the gateway, or the caller's team when the verifier asks the planner about a job). Ignored from anyone else.
     */
    public static final String TEAM_HEADER = "X-Pavu-Team";

    private PavuAuth() {
    }

    /**
     * @param identity the current identity
     * @return the team the caller acts for; empty for the service credential acting for every team
     */
    public static Optional<String> team(SecurityIdentity identity) {
        Object team = identity == null ? null : identity.getAttribute(TEAM_ATTRIBUTE);
        return team instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /**
     * @param identity the current identity
     * @return whether the caller is one of Pavu's services
     */
    public static boolean isService(SecurityIdentity identity) {
        return identity != null && identity.hasRole(Role.SERVICE_ROLE);
    }

    /**
     * @param identity the current identity
     * @param team     a team
     * @return whether the caller may see that team's resources (its own team, or a service acting for all)
     */
    public static boolean sees(SecurityIdentity identity, String team) {
        Optional<String> mine = team(identity);
        return mine.isEmpty() ? isService(identity) : mine.get().equals(team);
    }
}
