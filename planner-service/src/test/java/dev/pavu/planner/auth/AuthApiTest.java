package dev.pavu.planner.auth;

import dev.pavu.kit.auth.ApiTokens;
import dev.pavu.planner.it.FakeUpdater;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Authentication on the planner with authentication on (module tests run without it): API tokens (hashing,
 * expiry, revocation, roles), the service credential, team isolation of jobs, and OIDC bearer tokens verified with
 * a locally generated RSA key (no provider).
 */
@QuarkusTest
@TestProfile(AuthApiTest.AuthOn.class)
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class AuthApiTest {

    // constants, not random statics: the profile and the test class may be loaded by different class loaders
    static final String SERVICE = "test-service-secret-for-auth-api-test";
    static final KeyPair OIDC_KEY = rsa("pavu.test.oidc-key");
    static final KeyPair OTHER_KEY = rsa("pavu.test.other-key");

    /** Authentication on; OIDC with a fixed public key; team and role claims renamed. */
    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pavu.auth.enabled", "true",
                    "pavu.auth.service-token", SERVICE,
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.discovery-enabled", "false",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(OIDC_KEY.getPublic().getEncoded()),
                    "pavu.auth.oidc.team-claim", "groups_team",
                    "pavu.auth.oidc.role-claim", "pavu_roles");
        }
    }

    /** One RSA key pair per name for the whole JVM (kept in system properties, shared by every class loader). */
    private static synchronized KeyPair rsa(String name) {
        try {
            KeyFactory f = KeyFactory.getInstance("RSA");
            if (System.getProperty(name + ".private") == null) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair k = g.generateKeyPair();
                System.setProperty(name + ".private", Base64.getEncoder().encodeToString(k.getPrivate().getEncoded()));
                System.setProperty(name + ".public", Base64.getEncoder().encodeToString(k.getPublic().getEncoded()));
            }
            return new KeyPair(
                    f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(name + ".public")))),
                    f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(name + ".private")))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String team, String role) {
        return given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("name", "t-" + role, "role", role, "team", team))
                .when().post("/auth/tokens").then().statusCode(201).extract().path("token");
    }

    private static String jwt(KeyPair key, Map<String, Object> claims) {
        var b = Jwt.claims().subject("alice").expiresIn(300);
        claims.forEach(b::claim);
        return b.jws().sign(key.getPrivate());
    }

    private static String submitFor(String team) {
        return given().auth().oauth2(SERVICE).header("X-Pavu-Team", team).contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"http://localhost:9/none.git\"}, \"task\": \"fix\"}")
                .when().post("/jobs").then().statusCode(202).body("team", equalTo(team)).extract().path("id");
    }

    @Test
    void anonymousAndUnknownTokensGet401WithAProblemBodyHealthStaysOpen() {
        given().when().get("/jobs").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401))
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(ApiTokens.generate()).when().get("/jobs").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/jobs").then().statusCode(401);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void tokensAreStoredHashedAndRolesLimitWhatTheyDo() {
        String team = "t" + UUID.randomUUID().toString().substring(0, 8);
        String viewer = token(team, "viewer");
        String submitter = token(team, "submitter");
        String admin = token(team, "admin");
        long stored = QuarkusTransaction.requiringNew().call(() -> ApiTokenEntity.count("tokenHash", ApiTokens.hash(viewer)));
        long plain = QuarkusTransaction.requiringNew().call(() -> ApiTokenEntity.count("tokenHash", viewer));
        org.junit.jupiter.api.Assertions.assertEquals(1, stored, "stored by its SHA-256");
        org.junit.jupiter.api.Assertions.assertEquals(0, plain, "never in clear");

        given().auth().oauth2(viewer).when().get("/jobs").then().statusCode(200);
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body("{\"source\": {\"gitUrl\": \"http://localhost:9/x.git\"}}")
                .when().post("/jobs").then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(submitter).when().get("/auth/tokens").then().statusCode(403);
        given().auth().oauth2(admin).when().get("/auth/tokens").then().statusCode(200)
                .body("team", org.hamcrest.Matchers.everyItem(equalTo(team)));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "role", "admin", "team", "someone-else"))
                .when().post("/auth/tokens").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "x", "role", "service"))
                .when().post("/auth/tokens").then().statusCode(400);
        given().auth().oauth2(admin).when().get("/auth/whoami").then().statusCode(200)
                .body("team", equalTo(team)).body("role", equalTo("admin"));
        // introspection is for services only
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", viewer))
                .when().post("/auth/introspect").then().statusCode(403);
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(Map.of("token", viewer))
                .when().post("/auth/introspect").then().statusCode(200).body("team", equalTo(team)).body("role", equalTo("viewer"));
    }

    @Test
    void onlyAnAdminRunsRetentionAndOnlyForItsOwnTeam() {
        String team = "t" + UUID.randomUUID().toString().substring(0, 8);
        String submitter = token(team, "submitter");
        String admin = token(team, "admin");
        given().auth().oauth2(submitter).contentType(ContentType.JSON).body("{\"keep\": 0, \"dryRun\": true}")
                .when().post("/admin/retention/run").then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"keep\": 0, \"dryRun\": true, \"team\": \"someone-else\"}")
                .when().post("/admin/retention/run").then().statusCode(400).body("detail", containsString("its own team only"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"keep\": 0, \"dryRun\": true}")
                .when().post("/admin/retention/run").then().statusCode(200).body("dryRun", equalTo(true))
                .body("teams.team", org.hamcrest.Matchers.everyItem(equalTo(team)));
    }

    @Test
    void expiredAndRevokedTokensGet401() {
        String team = "t" + UUID.randomUUID().toString().substring(0, 8);
        String expired = ApiTokens.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            ApiTokenEntity t = new ApiTokenEntity();
            t.id = UUID.randomUUID();
            t.name = "old";
            t.team = team;
            t.role = "admin";
            t.tokenHash = ApiTokens.hash(expired);
            t.createdAt = Instant.now().minusSeconds(7200);
            t.expiresAt = Instant.now().minusSeconds(1);
            t.persist();
        });
        given().auth().oauth2(expired).when().get("/jobs").then().statusCode(401);

        String viewer = token(team, "viewer");
        String admin = token(team, "admin");
        given().auth().oauth2(viewer).when().get("/jobs").then().statusCode(200);
        String id = given().auth().oauth2(admin).when().get("/auth/tokens").then().statusCode(200)
                .extract().path("find { it.role == 'viewer' }.id");
        given().auth().oauth2(token("other" + team, "admin")).when().delete("/auth/tokens/" + id).then().statusCode(404);
        given().auth().oauth2(admin).when().delete("/auth/tokens/" + id).then().statusCode(200).body("active", equalTo(false));
        given().auth().oauth2(viewer).when().get("/jobs").then().statusCode(401);
    }

    @Test
    void anotherTeamsJobIsNotFoundOnEveryEndpoint() {
        String a = "a" + UUID.randomUUID().toString().substring(0, 8);
        String b = "b" + UUID.randomUUID().toString().substring(0, 8);
        String jobOfB = submitFor(b);
        String aToken = token(a, "submitter");
        String bToken = token(b, "viewer");
        for (String path : new String[]{"", "/patch", "/report", "/events"}) {
            given().auth().oauth2(aToken).when().get("/jobs/" + jobOfB + path).then().statusCode(404)
                    .body(not(containsString(b)));
        }
        given().auth().oauth2(aToken).accept("text/event-stream").when().get("/jobs/" + jobOfB + "/events").then().statusCode(404);
        given().auth().oauth2(aToken).when().post("/jobs/" + jobOfB + "/cancel").then().statusCode(404);
        given().auth().oauth2(aToken).when().get("/jobs?limit=200").then().statusCode(200).body(not(containsString(jobOfB)));
        given().auth().oauth2(bToken).when().get("/jobs/" + jobOfB).then().statusCode(200).body("team", equalTo(b));
        given().auth().oauth2(bToken).when().get("/jobs?limit=200").then().statusCode(200).body(containsString(jobOfB));
        // the service credential acting for a team sees only that team's jobs
        given().auth().oauth2(SERVICE).header("X-Pavu-Team", a).when().get("/jobs/" + jobOfB).then().statusCode(404);
        // a user's team header is ignored
        given().auth().oauth2(aToken).header("X-Pavu-Team", b).when().get("/jobs/" + jobOfB).then().statusCode(404);
    }

    @Test
    void oidcBearerTokensGetTeamAndRoleFromTheirClaims() {
        String team = "o" + UUID.randomUUID().toString().substring(0, 8);
        String jobOfTeam = submitFor(team);
        String viewer = jwt(OIDC_KEY, Map.of("groups_team", team, "pavu_roles", java.util.List.of("viewer")));
        given().auth().oauth2(viewer).when().get("/jobs/" + jobOfTeam).then().statusCode(200);
        given().auth().oauth2(viewer).when().post("/jobs/" + jobOfTeam + "/cancel").then().statusCode(403);
        String otherTeam = jwt(OIDC_KEY, Map.of("groups_team", "x" + team, "pavu_roles", "admin"));
        given().auth().oauth2(otherTeam).when().get("/jobs/" + jobOfTeam).then().statusCode(404);
        // no team claim: no Pavu role at all
        String noTeam = jwt(OIDC_KEY, Map.of("pavu_roles", "admin"));
        given().auth().oauth2(noTeam).when().get("/jobs").then().statusCode(403);
        // a provider role that is not Pavu's ("service") grants nothing
        String service = jwt(OIDC_KEY, Map.of("groups_team", team, "pavu_roles", "service"));
        given().auth().oauth2(service).when().get("/jobs").then().statusCode(403);
        // signed by another key: not authenticated
        String forged = jwt(OTHER_KEY, Map.of("groups_team", team, "pavu_roles", "admin"));
        given().auth().oauth2(forged).when().get("/jobs/" + jobOfTeam).then().statusCode(401);
    }
}
