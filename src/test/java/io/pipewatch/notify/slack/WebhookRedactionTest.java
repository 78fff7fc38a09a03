package io.pipewatch.notify.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.notify.Redactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every way a Slack answer, a log line or an exception was seen (or could be) to quote a webhook URL. */
class WebhookRedactionTest {

    private static final String SECRET = "q7Rk2Lm9Pz4Wx8Nv3Bt6Yc1D";
    private static final String TOKEN = "T0123ABCD/B0456EFGH/" + SECRET;
    private static final String URL = "https://hooks.slack.com/services/" + TOKEN;
    private static final WebhookUrl WEBHOOK = WebhookUrl.parse(URL);

    static Stream<Arguments> leaks() {
        String encoded = URLEncoder.encode(URL, StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("raw URL", "invalid_token for " + URL + " (check it)", "https://hooks.slack.com/…"),
                Arguments.of("JSON-escaped slashes", "{\"url\":\"" + URL.replace("/", "\\/") + "\"}", "https://hooks.slack.com/…"),
                Arguments.of("JSON unicode escapes", "{\"url\":\"" + URL.replace("/", "\\u002F") + "\"}", "https://hooks.slack.com/…"),
                Arguments.of("URL-encoded, upper case", "see ?redirect=" + encoded + "&x=1", "https://hooks.slack.com/…"),
                Arguments.of("URL-encoded, lower case", "see ?redirect=" + encoded.toLowerCase(Locale.ROOT).replace("t0123abcd", "T0123ABCD")
                        .replace("b0456efgh", "B0456EFGH").replace(SECRET.toLowerCase(Locale.ROOT), SECRET), "https://hooks.slack.com/…"),
                Arguments.of("URL-encoded twice", "next=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8), "https://hooks.slack.com/…"),
                Arguments.of("mixed: escaped and encoded", "u=https:\\/\\/hooks.slack.com%2Fservices\\/" + TOKEN.replace("/", "%2f"),
                        "https://hooks.slack.com/…"),
                Arguments.of("path", "POST /services/" + TOKEN + " failed", "POST /… failed"),
                Arguments.of("bare token", "token " + TOKEN + " revoked", "token … revoked"),
                Arguments.of("bare token, JSON-escaped", "\"token\":\"" + TOKEN.replace("/", "\\/") + "\"", "\"token\":\"…\""),
                Arguments.of("bare token, URL-encoded", "t=" + TOKEN.replace("/", "%2F"), "t=…"),
                Arguments.of("the secret segment alone", "secret=" + SECRET + "; invalid", "secret=…; invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaks")
    void everyFormOfTheWebhookIsRedacted(String form, String text, String expected) {
        String redacted = WEBHOOK.redactor().redact(text);
        assertNoSecret(redacted);
        assertTrue(redacted.contains(expected), redacted);
    }

    /** Slack's answer is shown up to 200 characters: the URL from the 160th on was cut in two, then not recognised. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("leaks")
    void aSecretStraddlingTheCutIsRedactedBeforeItIsCut(String form, String text) {
        int secretAt = text.indexOf(SECRET.substring(0, 4));
        if (secretAt < 0) {
            secretAt = text.toLowerCase(Locale.ROOT).indexOf(SECRET.substring(0, 4).toLowerCase(Locale.ROOT));
        }
        // Shifted so that the 200-character cut falls 10 characters into the secret.
        String shifted = "x".repeat(Math.max(0, 200 - secretAt - 10)) + text;
        assertTrue(Redactor.cut(shifted, 200).contains(SECRET.substring(0, 9)), "cutting first would leak: the test is meaningful");

        String shown = WEBHOOK.redactor().redactAndCut(shifted, 200);
        assertTrue(shown.length() <= 200, shown);
        assertNoSecret(shown);
    }

    /** A body read up to a limit ends where the limit fell, possibly inside the URL. */
    @Test
    void aSecretBegunAtTheEndOfACutOffTextIsHidden() {
        String head = "invalid_token: " + URL.substring(0, URL.length() - 15);
        assertTrue(WEBHOOK.redactor().redact(head).contains(SECRET.substring(0, 9)), "a whole-text redaction cannot know");
        assertEquals("invalid_token: https://hooks.slack.com/…", WEBHOOK.redactor().redactHead(head));
        assertEquals("token …", WEBHOOK.redactor().redactHead("token " + SECRET.substring(0, 6)));
        assertEquals("answer: htt", WEBHOOK.redactor().redactHead("answer: htt"), "three characters tell nothing");
    }

    @Test
    void aShortGenericPathIsHiddenWholeButItsWordsAreLeftAlone() {
        var generic = WebhookUrl.parse("https://chat.example.com/hook?key=Zx81Lq09Wm");
        assertEquals("posting to https://chat.example.com/… failed; retry the hook", generic.redact(
                "posting to https://chat.example.com/hook?key=Zx81Lq09Wm failed; retry the hook"));
        assertEquals("… in /…, value …", generic.redact("key=Zx81Lq09Wm in /hook?key=Zx81Lq09Wm, value %5Ax81Lq09Wm"));
    }

    private static void assertNoSecret(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains(SECRET.substring(0, 8).toLowerCase(Locale.ROOT)), text);
        assertFalse(lower.contains(SECRET.substring(SECRET.length() - 8).toLowerCase(Locale.ROOT)), text);
        assertFalse(lower.contains("b0456efgh"), text);
    }
}
