package dev.pavu.planner.rest;

import dev.pavu.planner.it.FakeUpdater;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Hostile requests through the real endpoint: URLs aimed at the planner's own machine or network, and texts or
 * uploads larger than the limits (the test profile lowers the upload limit to 1M).
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class HostileRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "file:///root/.pavu/planner/sources", "/srv/git/private.git",
            "http://127.0.0.1/r.git", "http://127.0.0.1:8081/sources/x", "http://10.0.0.1/r.git", "http://[::1]/r.git",
            "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:5432/", "http://192.168.0.10/r.git",
            "http://[fe80::1]/r.git", "http://[::ffff:127.0.0.1]/r.git", "git://github.com/acme/shop.git"})
    void urlsAtTheHostOrItsNetworkAreRefusedWith400(String url) {
        given().contentType(ContentType.JSON).body("{\"source\": {\"gitUrl\": \"" + url + "\"}, \"task\": \"x\"}")
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pavu:problem:invalid-request"))
                .body("errors[0].field", equalTo("source.gitUrl"))
                .body("errors[0].message", anyOf(containsString("is not a public address"), containsString("give the https:// URL")))
                .body("detail", not(containsString(System.getProperty("user.home") + "/")));
    }

    @Test
    void aPrivateAddressNamesTheSettingThatAllowsIt() {
        given().contentType(ContentType.JSON).body("{\"source\": {\"gitUrl\": \"http://10.0.0.1/r.git\"}}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors[0].message", containsString("is not a public address"))
                .body("errors[0].message", containsString("pavu.planner.sources.allowed-hosts"));
    }

    @Test
    void aTaskOverTheLimitIs413() {
        String task = "x".repeat(65_537);
        given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"https://example.invalid/r.git\"}, \"task\": \"" + task + "\"}")
                .when().post("/jobs")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("urn:pavu:problem:too-large"))
                .body("errors[0].field", equalTo("task"))
                .body("detail", containsString("65537 bytes"))
                .body("detail", containsString("pavu.planner.limits.max-task-bytes"));
    }

    @Test
    void aTaskIsMeasuredInUtf8Bytes() {
        String task = "é".repeat(32_769); // 65 538 bytes in UTF-8, 32 769 characters
        given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"https://example.invalid/r.git\"}, \"task\": \"" + task + "\"}")
                .when().post("/jobs")
                .then().statusCode(413)
                .body("errors[0].field", equalTo("task"));
    }

    @Test
    void anErrorLogOverTheLimitIs413AndOneUnderItIsAccepted() {
        String tooLong = "e".repeat((1 << 20) + 1);
        given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"https://example.invalid/r.git\"}, \"errorLog\": \"" + tooLong + "\"}")
                .when().post("/jobs")
                .then().statusCode(413)
                .body("errors[0].field", equalTo("errorLog"))
                .body("detail", containsString("pavu.planner.limits.max-error-log-bytes"));
        given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"http://localhost:9/r.git\"}, \"errorLog\": \"" + "e".repeat(1 << 20) + "\"}")
                .when().post("/jobs")
                .then().statusCode(202);
    }

    @Test
    void aBodyOverTheJsonLimitIs413BeforeItIsRead() {
        String pad = "p".repeat(5 * 1024 * 1024);
        given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"https://example.invalid/r.git\"}, \"models\": {\"pad\": \"" + pad + "\"}}")
                .when().post("/jobs")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("detail", containsString("pavu.planner.limits.max-json-bytes"));
    }

    @Test
    void anUploadOverTheLimitIs413() {
        byte[] bundle = new byte[2 * 1024 * 1024];
        Arrays.fill(bundle, (byte) 'a');
        byte[] header = "# v2 git bundle\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bundle, 0, header.length);
        given().multiPart("bundle", "repo.bundle", bundle, "application/octet-stream")
                .when().post("/jobs")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pavu:problem:too-large"))
                .body("errors[0].field", equalTo("bundle"))
                .body("detail", containsString("pavu.planner.limits.max-upload-bytes"));
    }
}
