package io.pipewatch.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Basic mode end to end: who gets in, who may change what, and which requests are refused before any
 * password is checked (cross-site, not JSON, a host that is not ours).
 */
@QuarkusTest
@TestProfile(BasicAuthIT.BasicMode.class)
class BasicAuthIT {

    static final String SILENCE = "{\"matchers\":[\"alarm=basic-auth-it\"],\"duration\":\"1h\",\"createdBy\":\"mallory\",\"comment\":\"maintenance\"}";

    /** Three users (cost-4 hashes: the test checks roles, not bcrypt's cost) and an allow-list of hosts. */
    public static class BasicMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempFile("pipewatch-users", ".txt");
                Files.writeString(file, "ana:" + BcryptUtil.bcryptHash("ana password", 4) + ":responder\n"
                        + "vic:" + BcryptUtil.bcryptHash("vic password", 4) + ":viewer\n"
                        + "root:" + BcryptUtil.bcryptHash("root password", 4) + ":admin\n");
                file.toFile().deleteOnExit();
                return Map.of("pipewatch.auth.mode", "basic", "pipewatch.auth.users-file", file.toString(),
                        "pipewatch.http.allowed-hosts", "localhost,127.0.0.1");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"/", "/api/alerts", "/api/silences", "/api/status", "/dashboards/demo-pipeline", "/q/metrics", "/api/me"})
    void everyPageAndApiAsksForALogin(String path) {
        given().get(path).then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.containsStringIgnoringCase("basic realm=\"Pipewatch\""));
        given().auth().preemptive().basic("vic", "vic password").get(path).then().statusCode(200);
    }

    @Test
    void aWrongPasswordOrAnUnknownNameIsRefused() {
        given().auth().preemptive().basic("root", "not root's password").get("/api/alerts").then().statusCode(401);
        given().auth().preemptive().basic("mallory", "a guess").get("/api/alerts").then().statusCode(401);
    }

    @Test
    void healthAndTheSignedSnsWebhookNeedNoLogin() {
        given().get("/q/health/live").then().statusCode(200);
        given().contentType("text/plain").body("{}").post("/webhooks/sns").then().statusCode(not(equalTo(401)));
    }

    @Test
    void aViewerLooksButCannotAct() {
        given().auth().preemptive().basic("vic", "vic password").get("/api/me").then().statusCode(200)
                .body("name", equalTo("vic")).body("canRespond", equalTo(false));
        given().auth().preemptive().basic("vic", "vic password").contentType("application/json").body(SILENCE)
                .post("/api/silences").then().statusCode(403);
        given().auth().preemptive().basic("vic", "vic password").contentType("application/json").body("{}")
                .post("/api/alerts/anything/ack").then().statusCode(403);
        given().auth().preemptive().basic("vic", "vic password").get("/").then().statusCode(200)
                .body(containsString("Signed in as <b>vic</b>")).body(not(containsString("silence-form")));
    }

    @Test
    void aResponderActsUnderTheirOwnNameWhateverTheBodySays() {
        String id = given().auth().preemptive().basic("ana", "ana password").contentType("application/json").body(SILENCE)
                .post("/api/silences").then().statusCode(201).body("createdBy", equalTo("ana")).extract().path("id");
        given().auth().preemptive().basic("root", "root password").contentType("application/json")
                .delete("/api/silences/" + id).then().statusCode(200).body("endedBy", equalTo("root"));
        given().auth().preemptive().basic("ana", "ana password").get("/").then().statusCode(200)
                .body(containsString("Signed in as <b>ana</b>")).body(containsString("silence-form"));
    }

    @Test
    void forgeriesAreRefusedEvenWithTheRightPassword() {
        var ana = given().auth().preemptive().basic("ana", "ana password");
        ana.contentType("text/plain").body(SILENCE).post("/api/silences").then().statusCode(415)
                .body("error", containsString("Content-Type"));
        given().auth().preemptive().basic("ana", "ana password").body(SILENCE).post("/api/silences").then().statusCode(415);
        given().auth().preemptive().basic("ana", "ana password").delete("/api/silences/x").then().statusCode(415);
        given().auth().preemptive().basic("ana", "ana password").contentType("application/json").header("Origin", "https://evil.example")
                .body(SILENCE).post("/api/silences").then().statusCode(403).body("error", containsString("Origin"));
        given().auth().preemptive().basic("ana", "ana password").contentType("application/json").header("Sec-Fetch-Site", "cross-site")
                .body(SILENCE).post("/api/silences").then().statusCode(403);
        given().auth().preemptive().basic("ana", "ana password").header("Host", "rebound.evil.example").get("/api/alerts").then()
                .statusCode(403).body("error", containsString("allowed-hosts"));
        given().auth().preemptive().basic("ana", "ana password").options("/api/silences").then().statusCode(403);
        given().auth().preemptive().basic("ana", "ana password").get("/api/silences?all=true").then().statusCode(200)
                .body("createdBy", not(org.hamcrest.Matchers.hasItem("mallory")));
    }
}
