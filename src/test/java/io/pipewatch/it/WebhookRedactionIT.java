package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's stand-in answers with the webhook URL quoted back (raw, JSON-escaped, URL-encoded in either
 * case, the bare token, the secret segment alone), straddling the 200-character cut: the logs, the
 * index page's refused list and {@code /api/status} show each refusal, and never the secret.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class WebhookRedactionIT {

    private static final List<String> FORMS = List.of("raw", "json", "encoded", "lower", "token", "secret", "retry");
    private final SnsSigner sns = SnsSigner.shared();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : String.valueOf(record.getMessage()));
            if (record.getThrown() != null) {
                logged.add(String.valueOf(record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aWebhookQuotedBackIsNeverLoggedStoredOrShown() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String form : FORMS) {
            fire("echo-" + form + "-" + run);
        }
        String page = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> given().get("/").then().statusCode(200).extract().asString(),
                        p -> FORMS.stream().allMatch(refusedOn(p, run)));
        for (String form : FORMS) {
            assertTrue(refusedOn(page, run).test(form), "the refusal of " + form + " is not in the page's failed deliveries");
        }
        assertTrue(refused(page).contains("answered 400 invalid_payload xxx"), "the reason is shown, redacted: " + refused(page));
        assertTrue(logged.stream().anyMatch(line -> line.contains("echo-retry-" + run) && line.contains("answered 500")),
                "the retried failure is logged: " + logged);
        assertTrue(logged.stream().anyMatch(line -> line.contains("echo-raw-" + run) && line.contains("answered 400")),
                "the refusal is logged: " + logged);
        String status = given().get("/api/status").then().statusCode(200).extract().asString();
        assertTrue(status.contains("\"lastFailureMessage\":\"Slack webhook http://"), status);

        assertNoSecret("the index page", page);
        assertNoSecret("/api/status", status);
        assertNoSecret("the log", String.join("\n", logged));
    }

    /** The page's list of refused notifications. */
    private static String refused(String page) {
        int start = page.indexOf("id=\"failed-deliveries\"");
        return start < 0 ? "" : page.substring(start, page.indexOf("</table>", start));
    }

    private static java.util.function.Predicate<String> refusedOn(String page, String run) {
        String list = refused(page);
        return form -> list.contains("echo-" + form + "-" + run);
    }

    private static void assertNoSecret(String where, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        // A prefix, not the whole: a cut in the middle of the secret was the leak.
        for (String part : List.of(SlackStandIn.SECRET.substring(0, 6), "b0test")) {
            assertFalse(lower.contains(part.toLowerCase(Locale.ROOT)), where + " shows '" + part + "': " + excerpt(lower, part));
        }
    }

    private static String excerpt(String text, String part) {
        int at = text.indexOf(part.toLowerCase(Locale.ROOT));
        return text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 60));
    }

    private void fire(String name) {
        Instant now = Instant.now();
        given().contentType("text/plain").body(sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                SnsMessages.alarm(name, "ALARM", "OK", now), now, 2)).post("/webhooks/sns").then().statusCode(200);
    }
}
