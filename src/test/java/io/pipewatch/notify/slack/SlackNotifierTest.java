package io.pipewatch.notify.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.testing.TestAlerts;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertStatus;
import io.pipewatch.alert.AlertSubject;
import io.pipewatch.notify.DeliveryException;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.Unit;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Slack notifier against a real local HTTP server standing in for Slack's webhook endpoint. */
class SlackNotifierTest {

    private static final String SECRET_PATH = "/services/T0001/B0002/s3cr3tT0k3n";
    private final ObjectMapper json = new ObjectMapper();
    private MockWebServer slack;
    private WebhookUrl webhook;
    private SlackNotifier notifier;

    @BeforeEach
    void start() throws IOException {
        slack = new MockWebServer();
        slack.start();
        webhook = WebhookUrl.parse(slack.url(SECRET_PATH).toString());
        notifier = new SlackNotifier("slack", webhook, Duration.ofSeconds(2), json);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void postsAFiringAlertAsBlockKit() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        notifier.deliver(TestAlerts.single(alert(AlertState.FIRING, "Lag <high> & rising"))
                .withAlertPages("https://pipewatch.example.com/alerts/"));

        RecordedRequest request = slack.takeRequest();
        assertEquals(SECRET_PATH, request.getUrl().encodedPath());
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
        JsonNode body = json.readTree(request.getBody().utf8());
        JsonNode blocks = body.get("blocks");
        assertEquals("🔥 FIRING: Stream consumers falling behind", blocks.get(0).get("text").get("text").asText());
        assertEquals("Lag &lt;high&gt; &amp; rising", blocks.get(1).get("text").get("text").asText(), "mrkdwn is escaped");
        String fields = blocks.get(2).get("fields").toString();
        assertTrue(fields.contains("*Where*\\ndevice-logs"), fields);
        assertTrue(fields.contains("*Severity*\\ncritical"), fields);
        assertTrue(fields.contains("*Value*\\n45 s (alarm when Maximum GetRecords.IteratorAgeMilliseconds &gt; 30 s for 1 of 1 × 60s)"),
                "in the metric's unit, not 45000: " + fields);
        assertTrue(fields.contains("<!date^1795575600^"), fields);
        JsonNode buttons = blocks.get(3).get("elements");
        assertEquals("https://pipewatch.example.com/runbooks/iterator-age-high", buttons.get(0).get("url").asText());
        assertEquals("https://pipewatch.example.com/dashboards/demo-pipeline", buttons.get(1).get("url").asText());
        assertEquals("History", buttons.get(2).get("text").get("text").asText());
        assertEquals("https://pipewatch.example.com/alerts/" + TestAlerts.single(alert(AlertState.FIRING, "x")).firing().get(0).id(),
                buttons.get(2).get("url").asText(), "the alert's page: its transitions and messages");
        assertTrue(body.get("text").asText().startsWith("🔥 FIRING: Stream consumers falling behind on device-logs"));
    }

    @Test
    void aMessageAboutPartOfAnIncidentTellsItsCauseAndEffects() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        var note = new GroupNotification.IncidentNote("demo-20261125T030000", "Ingest Lambda: Ingest Lambda error rate (+1 more)",
                "open", "Stream consumers falling behind began 40 s after Ingest Lambda error rate on ingest-impressions: a"
                + " consumer that fails <leaves> its input unread", List.of("Stream consumers falling behind on device-logs"),
                "https://pipewatch.example.com/dashboards/demo-pipeline#stage-ingest-impressions", null, null);
        notifier.deliver(TestAlerts.single(alert(AlertState.FIRING, "s")).about(note));
        JsonNode blocks = json.readTree(slack.takeRequest().getBody().utf8()).get("blocks");
        String story = blocks.get(2).get("text").get("text").asText();
        assertEquals("*Incident:* Ingest Lambda: Ingest Lambda error rate (+1 more)\n*Cause:* Stream consumers falling behind"
                + " began 40 s after Ingest Lambda error rate on ingest-impressions: a consumer that fails &lt;leaves&gt; its input"
                + " unread\n*Effects:* Stream consumers falling behind on device-logs", story);
        assertTrue(blocks.get(3).get("fields").toString().contains("*Where*"), "the alert's own facts follow: " + blocks);
        assertEquals("https://pipewatch.example.com/dashboards/demo-pipeline#stage-ingest-impressions",
                blocks.get(4).get("elements").get(1).get("url").asText(), "the dashboard opens at the cause's stage");

        var alone = new GroupNotification.IncidentNote("x", "t", "open", "the only alert", List.of(), null, null, null);
        notifier.deliver(TestAlerts.single(alert(AlertState.FIRING, "s")).about(alone));
        JsonNode single = json.readTree(slack.takeRequest().getBody().utf8()).get("blocks");
        assertTrue(single.get(2).has("fields"), "an incident of one alert is that alert's message: " + single);
    }

    @Test
    void aFiringAlertOnAStreamSaysWhenDataLossBegins() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Alert a = alert(AlertState.FIRING, "s");
        var impact = new io.pipewatch.alert.Impact(Instant.parse("2026-11-25T09:00:00Z"), 0.5,
                "data loss in ~6 h at this rate; the consumer drains only 0.50× what comes in");
        notifier.deliver(TestAlerts.single(new Alert(a.subject(), a.status().predicting(impact), a.transitions(), a.ack())));
        String fields = json.readTree(slack.takeRequest().getBody().utf8()).get("blocks").get(2).get("fields").toString();
        assertTrue(fields.contains("*Impact*\\nData loss in ~6 h at this rate; the consumer drains only 0.50× what comes in"
                + " (data loss <!date^1795597200^"), fields);
    }

    @Test
    void aFiringAlarmThatStoppedReportingIsToldAsNoDataNeverAsResolved() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Alert silent = TestAlerts.in(alert(AlertState.FIRING, "s"), AlertState.INSUFFICIENT_DATA, Instant.parse("2026-11-25T03:04:00Z"));
        notifier.deliver(TestAlerts.single(silent));
        JsonNode body = json.readTree(slack.takeRequest().getBody().utf8());
        assertEquals("⚠️ NO DATA: Stream consumers falling behind", body.get("blocks").get(0).get("text").get("text").asText());
        String fields = body.get("blocks").get(2).get("fields").toString();
        assertTrue(fields.contains("*Stopped reporting*") && fields.contains("while firing since <!date^1795575600^"), fields);
        assertFalse(body.toString().contains("RESOLVED"), body.toString());
        assertEquals("NO DATA: Stream consumers falling behind", TestAlerts.single(silent).title());
    }

    @Test
    void postsAResolvedMessageWithHowLongItFired() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        notifier.deliver(TestAlerts.single(alert(AlertState.RESOLVED, "s")));
        JsonNode blocks = json.readTree(slack.takeRequest().getBody().utf8()).get("blocks");
        assertEquals("✅ RESOLVED: Stream consumers falling behind", blocks.get(0).get("text").get("text").asText());
        assertTrue(blocks.get(2).get("fields").toString().contains("after 3 min 20 s (fired <!date^1795575600^"), blocks.toString());
        assertTrue(blocks.get(2).get("fields").toString().contains("|2026-11-25T03:00:00Z>"), "fallback to the second: " + blocks);
    }

    @Test
    void keepsLongTextsWithinSlacksLimits() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Alert a = alert(AlertState.FIRING, "x".repeat(10_000));
        Alert longName = described(a, a.id(), "n".repeat(400), a.severity(), a.resource(), a.runbook());
        notifier.deliver(TestAlerts.single(longName));
        JsonNode blocks = json.readTree(slack.takeRequest().getBody().utf8()).get("blocks");
        assertEquals(SlackMessage.HEADER_LIMIT, blocks.get(0).get("text").get("text").asText().length());
        assertEquals(SlackMessage.SECTION_LIMIT, blocks.get(1).get("text").get("text").asText().length());
    }

    @Test
    void aGroupsMessageSaysWhatEachAlarmMeansWithItsValueInItsUnit() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Alert lag = alert(AlertState.FIRING, "Records wait more than 30 s in device-logs before the ingest Lambda reads them.");
        Alert other = TestAlerts.alert("errors", AlertState.FIRING, Severity.WARNING, lag.firingSince(), Map.of());
        notifier.deliver(GroupNotification.of("slack", "default{team=pipeline}", Map.of("team", "pipeline"), List.of(lag, other),
                List.of(), false, "https://pipewatch.example.com/", Instant.parse("2026-12-03T03:00:00Z")));
        String text = json.readTree(slack.takeRequest().getBody().utf8()).get("blocks").toString();
        assertTrue(text.contains("Records wait more than 30 s in device-logs"), text);
        assertTrue(text.contains("45 s (alarm when Maximum GetRecords.IteratorAgeMilliseconds &gt; 30 s"), text);
    }

    @Test
    void aGroupOfFiveHundredBecomesOneSummaryWithinSlacksLimits() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        List<Alert> firing = new java.util.ArrayList<>();
        for (int i = 0; i < 497; i++) {
            Alert a = alert(AlertState.FIRING, "s");
            firing.add(described(a, "alarm-" + i, "Alarm " + i + " " + "long name ".repeat(40),
                    i % 3 == 0 ? Severity.CRITICAL : Severity.WARNING, "r".repeat(2000), a.runbook()));
        }
        List<Alert> resolved = List.of(alert(AlertState.RESOLVED, "s"), alert(AlertState.RESOLVED, "s"), alert(AlertState.RESOLVED, "s"));
        notifier.deliver(GroupNotification.of("slack", "default{team=pipeline}", Map.of("team", "pipeline", "severity", ""),
                firing, resolved, false, "https://pipewatch.example.com/", Instant.parse("2026-12-03T03:00:00Z")));

        JsonNode body = json.readTree(slack.takeRequest().getBody().utf8());
        JsonNode blocks = body.get("blocks");
        assertTrue(blocks.size() <= 50, "blocks: " + blocks.size());
        assertEquals("🔥 497 firing, ✅ 3 resolved: pipeline", blocks.get(0).get("text").get("text").asText());
        int characters = 0;
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                int length = block.get("text").get("text").asText().length();
                assertTrue(length <= SlackMessage.SECTION_LIMIT, "a section of " + length);
                characters += length;
            }
        }
        assertTrue(characters + body.get("text").asText().length() <= 40_000, "message of " + characters);
        assertTrue(body.toString().contains("…and 480 more: see the dashboard for all 500."), body.toString());
        assertEquals("https://pipewatch.example.com/", blocks.get(blocks.size() - 1).get("elements").get(0).get("url").asText());
    }

    @Test
    void slackControlSequencesFromAlarmNamesAreEscapedAndOverlongLinksLeftOut() throws Exception {
        slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Alert a = alert(AlertState.FIRING, "s");
        Alert hostile = described(a, a.id(), "<!channel> pwned", a.severity(), "<https://evil.example|x>",
                "https://x.example/" + "a".repeat(3000));
        notifier.deliver(TestAlerts.single(hostile));
        JsonNode body = json.readTree(slack.takeRequest().getBody().utf8());
        assertFalse(body.get("text").asText().contains("<!channel>"), body.get("text").asText());
        JsonNode buttons = body.get("blocks").get(3).get("elements");
        assertEquals(1, buttons.size(), "the 3,000+ character runbook URL would get the message refused: " + buttons);
        assertEquals("Dashboard", buttons.get(0).get("text").get("text").asText());
    }

    @ParameterizedTest(name = "{0} {1} → retryable {2}")
    @CsvSource({
            "404, channel_not_found, false",
            "400, invalid_payload, false",
            "410, channel_is_archived, false",
            "403, action_prohibited, false",
            "429, rate_limited, true",
            "500, rollup_error, true",
            "503, '', true"})
    void classifiesSlackErrorsAndNeverShowsTheWebhook(int code, String reason, boolean retryable) {
        slack.enqueue(new MockResponse.Builder().code(code).body(reason).build());
        DeliveryException e = assertThrows(DeliveryException.class, () -> notifier.deliver(
                TestAlerts.single(alert(AlertState.FIRING, "s"))));
        assertEquals(retryable, e.retryable());
        assertTrue(e.getMessage().contains("answered " + code), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET_PATH), e.getMessage());
    }

    /** Slack (or a proxy before it) quoting the webhook back, placed so that a cut at 200 characters falls inside it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"raw", "json", "encoded", "encoded-lower", "token", "secret"})
    void slacksAnswerQuotingTheWebhookIsRedactedBeforeItIsCut(String form) {
        String url = slack.url(SECRET_PATH).toString();
        String token = SECRET_PATH.substring("/services/".length());
        String quoted = switch (form) {
            case "raw" -> url;
            case "json" -> url.replace("/", "\\/");
            case "encoded" -> java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8);
            case "encoded-lower" -> url.replace(":", "%3a").replace("/", "%2f");
            case "token" -> token;
            default -> "s3cr3tT0k3n";
        };
        // The message reads "Slack webhook http://host:port/… answered 400 " before the reason.
        int secretInQuote = quoted.indexOf("s3cr3t");
        String answer = "invalid_payload " + "x".repeat(Math.max(0, 200 - 16 - secretInQuote - 4)) + quoted + " and more";
        slack.enqueue(new MockResponse.Builder().code(400).body(answer).build());
        DeliveryException e = assertThrows(DeliveryException.class, () -> notifier.deliver(
                TestAlerts.single(alert(AlertState.FIRING, "s"))));
        assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
        assertFalse(e.getMessage().contains("B0002"), e.getMessage());
        assertTrue(e.getMessage().contains("answered 400 invalid_payload xxx"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void anAnswerOfAMegabyteIsReadOnlyUpToTheLimit() {
        slack.enqueue(new MockResponse.Builder().code(500).body("rollup_error " + "y".repeat(1024 * 1024)).build());
        DeliveryException e = assertThrows(DeliveryException.class, () -> notifier.deliver(
                TestAlerts.single(alert(AlertState.FIRING, "s"))));
        assertTrue(e.getMessage().contains("answered 500 rollup_error yyy"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "length " + e.getMessage().length());
    }

    @Test
    void anUnreachableWebhookIsRetryableAndRedacted() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var unreachable = new SlackNotifier("slack", WebhookUrl.parse("http://127.0.0.1:" + closedPort + SECRET_PATH),
                Duration.ofSeconds(2), json);
        DeliveryException e = assertThrows(DeliveryException.class, () -> unreachable.deliver(
                TestAlerts.single(alert(AlertState.FIRING, "s"))));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void theWebhookUrlIsRedactedWhereverItWouldBePrinted() {
        String origin = "http://" + slack.getHostName() + ":" + slack.getPort();
        assertEquals(origin + "/…", webhook.toString());
        assertEquals("failed POST to " + origin + "/… and /…",
                webhook.redact("failed POST to " + slack.url(SECRET_PATH) + " and " + SECRET_PATH));
        var e = assertThrows(IllegalArgumentException.class, () -> WebhookUrl.parse("hooks.slack.com/services/s3cr3t"));
        assertTrue(e.getMessage().startsWith("pipewatch.slack.webhook-url (PIPEWATCH_SLACK_WEBHOOK_URL): "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    private static Alert alert(AlertState state, String summary) {
        Instant fired = Instant.parse("2026-11-25T03:00:00Z");
        var subject = new AlertSubject("stream-consumers-falling-behind", "Stream consumers falling behind",
                Severity.CRITICAL, summary, "device-logs", "Maximum GetRecords.IteratorAgeMilliseconds > 30 s for 1 of 1 × 60s",
                30_000, Unit.MILLISECONDS, "https://pipewatch.example.com/runbooks/iterator-age-high",
                "https://pipewatch.example.com/dashboards/demo-pipeline", Map.of(), Alert.PIPEWATCH, List.of());
        return new Alert(subject, new AlertStatus(state, state == AlertState.FIRING ? fired : fired.plusSeconds(200), fired,
                45_000.0, "1 of the last 1 datapoints breach (1 needed)", null), List.of(), null);
    }

    /** The alert told about another alarm: names, severity and links that stress the message's limits and escaping. */
    private static Alert described(Alert a, String id, String alarm, Severity severity, String resource, String runbook) {
        var s = a.subject();
        return new Alert(new AlertSubject(id, alarm, severity, s.summary(), resource, s.condition(), s.threshold(), s.unit(),
                runbook, s.dashboard(), s.labels(), s.source(), s.metrics()), a.status(), a.transitions(), a.ack());
    }
}
