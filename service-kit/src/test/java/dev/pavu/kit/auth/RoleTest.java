package dev.pavu.kit.auth;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {

    @Test
    void eachRoleGrantsTheWeakerOnes() {
        assertEquals(Set.of("viewer"), Role.VIEWER.grants());
        assertEquals(Set.of("viewer", "submitter"), Role.SUBMITTER.grants());
        assertEquals(Set.of("viewer", "submitter", "admin"), Role.ADMIN.grants());
        assertTrue(Role.SERVICE.grants().containsAll(Set.of("viewer", "submitter", "admin", "service")));
        assertTrue(Role.ADMIN.includes(Role.SUBMITTER));
        assertFalse(Role.VIEWER.includes(Role.SUBMITTER));
    }

    @Test
    void usersCannotClaimTheServiceRole() {
        assertEquals(Optional.of(Role.SUBMITTER), Role.parseUserRole(" Submitter "));
        assertEquals(Optional.empty(), Role.parseUserRole("service"));
        assertEquals(Optional.empty(), Role.parseUserRole("root"));
        assertEquals(Optional.empty(), Role.parseUserRole(null));
    }

    @Test
    void identitiesCarryTeamAndGrants() {
        var viewer = PavuTokenIdentityProvider.identity("token:ci", "team-a", Role.VIEWER, "id-1");
        assertEquals(Optional.of("team-a"), PavuAuth.team(viewer));
        assertTrue(viewer.hasRole("viewer"));
        assertFalse(viewer.hasRole("submitter"));
        assertTrue(PavuAuth.sees(viewer, "team-a"));
        assertFalse(PavuAuth.sees(viewer, "team-b"));
        assertFalse(PavuAuth.isService(viewer));

        var service = PavuTokenIdentityProvider.service(null);
        assertTrue(PavuAuth.isService(service));
        assertTrue(PavuAuth.sees(service, "team-b"));
        var onBehalf = PavuTokenIdentityProvider.service("team-a");
        assertTrue(PavuAuth.sees(onBehalf, "team-a"));
        assertFalse(PavuAuth.sees(onBehalf, "team-b"));
    }

    @Test
    void claimValuesOfEveryShape() {
        assertEquals(java.util.List.of("a"), OidcClaimsAugmentor.strings("a"));
        assertEquals(java.util.List.of("a", "b"), OidcClaimsAugmentor.strings(java.util.List.of(" a ", "b", "")));
        assertEquals(java.util.List.of(), OidcClaimsAugmentor.strings(null));
        assertEquals(java.util.List.of(), OidcClaimsAugmentor.strings(42));
    }
}
