package dev.pavu.kit.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may do. Each role includes the ones before it: a viewer reads, a submitter also submits and
 * cancels, an admin also manages its team's tokens. {@link #SERVICE} is the credential Pavu's own services share:
 * every role, every team (or the team it names in {@link PavuAuth#TEAM_HEADER}).
 */
public enum Role {
    VIEWER, SUBMITTER, ADMIN, SERVICE;

    /** Role names used in {@code @RolesAllowed}. */
    public static final String VIEWER_ROLE = "viewer";
    public static final String SUBMITTER_ROLE = "submitter";
    public static final String ADMIN_ROLE = "admin";
    public static final String SERVICE_ROLE = "service";

    /** @return the lower-case name ({@code viewer}, {@code submitter}, {@code admin}, {@code service}) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the {@code @RolesAllowed} names this role grants: itself and every weaker role */
    public Set<String> grants() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_ROLE);
            case SUBMITTER -> Set.of(VIEWER_ROLE, SUBMITTER_ROLE);
            case ADMIN -> Set.of(VIEWER_ROLE, SUBMITTER_ROLE, ADMIN_ROLE);
            case SERVICE -> Set.of(VIEWER_ROLE, SUBMITTER_ROLE, ADMIN_ROLE, SERVICE_ROLE);
        };
    }

    /**
     * @param other another role
     * @return whether this role includes every right of {@code other}
     */
    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /**
     * Parses a role a user may hold ({@code service} is never accepted from outside).
     *
     * @param text {@code viewer}, {@code submitter} or {@code admin}, any case
     * @return the role, or empty when the text names none of them
     */
    public static Optional<Role> parseUserRole(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case VIEWER_ROLE -> Optional.of(VIEWER);
            case SUBMITTER_ROLE -> Optional.of(SUBMITTER);
            case ADMIN_ROLE -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }
}
