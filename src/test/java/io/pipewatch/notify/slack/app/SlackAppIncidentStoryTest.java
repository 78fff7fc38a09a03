package io.pipewatch.notify.slack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Acknowledgement;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertStatus;
import io.pipewatch.alert.AlertSubject;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.PostedMessage;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.Unit;
import io.pipewatch.testing.BlockKitText;
import io.pipewatch.testing.SlackApiStandIn;
import io.pipewatch.testing.TestAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The demo's poison-record incident as the Slack app tells it, through the real receiver and a stand-in for Slack's Web
 * API: the message when it opens, as it stands after the on-call acknowledged, and once resolved, with its thread. The
 * text is a reviewed golden file, and the README shows that same text.
 */
class SlackAppIncidentStoryTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/slack-app-incident.txt");
    private static final String TOKEN = "xoxb-1111-2222-n0tAr3alT0k3n";
    private static final Instant T0 = Instant.parse("2026-12-04T03:12:40Z");
    private static final String PAGES = "https://pipewatch.example.com";

    @Test
    void theIncidentReadsAsTheGoldenStoryAndTheReadmeShowsIt() throws Exception {
        StringBuilder story = new StringBuilder();
        try (var slack = new SlackApiStandIn(TOKEN)) {
            var notifier = new SlackAppNotifier("slack", SlackApiStandIn.CHANNEL_ID, new SlackWebApi(HttpUrl.get(slack.apiUrl()),
                    BotToken.parse(TOKEN, "k"), Duration.ofSeconds(5), new ObjectMapper().findAndRegisterModules()));
            Alert duration = alert("ingest-lambda-duration-near-timeout", "Ingest Lambda duration near timeout", "ingest-impressions",
                    "Maximum Duration > 2.7 s for 2 of 3 × 60s", 2700, Unit.MILLISECONDS, 2950.0, T0);
            Alert lag = alert("stream-consumers-falling-behind", "Stream consumers falling behind", "device-logs",
                    "Maximum GetRecords.IteratorAgeMilliseconds > 30 s for 1 of 1 × 60s", 30_000, Unit.MILLISECONDS, 95_000.0,
                    T0.plusSeconds(40));
            PostedMessage opened = notifier.deliver(message(List.of(duration, lag), List.of(), note("open", null)), Optional.empty());
            story.append("── Posted when the incident opens ──\n").append(BlockKitText.of(slack.message(opened.ts()))).append("\n\n");

            var ack = new Acknowledgement("@ana", "from Slack by user U0ANA", T0.plusSeconds(150));
            PostedMessage owned = notifier.deliver(message(List.of(duration.acknowledged(ack), lag.acknowledged(ack)), List.of(),
                    note("open", null)), Optional.of(opened));
            story.append("── After Acknowledge (the same message, edited) ──\n").append(BlockKitText.of(slack.message(owned.ts())))
                    .append("\n\n");

            Instant over = T0.plus(Duration.ofMinutes(12));
            notifier.deliver(message(List.of(), List.of(TestAlerts.in(duration, AlertState.RESOLVED, over.minusSeconds(60)),
                    TestAlerts.in(lag, AlertState.RESOLVED, over)), note("resolved", over)), Optional.of(owned));
            story.append("── Resolved (the same message, edited) ──\n").append(BlockKitText.of(slack.message(owned.ts()))).append("\n\n");
            story.append("── Its thread ──\n");
            slack.replies().forEach(r -> story.append(BlockKitText.text(r.body().path("text"))).append('\n'));
            assertEquals(1, slack.posts().size());
        }
        String golden = Files.exists(GOLDEN) ? Files.readString(GOLDEN) : "";
        if (!golden.equals(story.toString())) {
            Files.writeString(Path.of("target/slack-app-incident.txt"), story);
        }
        assertEquals(golden, story.toString(), "after a reviewed change: cp target/slack-app-incident.txt " + GOLDEN
                + ", and paste it into the README");
        assertTrue(Files.readString(Path.of("README.md")).contains(golden.strip()), "the README shows " + GOLDEN);
    }

    private static GroupNotification.IncidentNote note(String state, Instant resolvedAt) {
        return new GroupNotification.IncidentNote("demo-20261204T031240", "Ingest Lambda (Kinesis consumer): Ingest Lambda duration"
                + " near timeout (+1 more)", state, "Stream consumers falling behind began 40 s after Ingest Lambda duration near"
                + " timeout on ingest-impressions: a consumer that fails, is throttled or runs slow leaves its input unread",
                List.of("Stream consumers falling behind on device-logs"), PAGES + "/dashboards/demo-pipeline#stage-ingest-impressions",
                T0, resolvedAt);
    }

    private static GroupNotification message(List<Alert> firing, List<Alert> resolved, GroupNotification.IncidentNote note) {
        return GroupNotification.of("slack", "default{incident=demo-20261204T031240}", Map.of("incident", "demo-20261204T031240"),
                firing, resolved, false, PAGES + "/dashboards/demo-pipeline", T0).about(note).withAlertPages(PAGES + "/alerts/");
    }

    private static Alert alert(String id, String name, String resource, String condition, double threshold, Unit unit, double value,
            Instant fired) {
        var subject = new AlertSubject(id, name, Severity.CRITICAL, "summary of " + id, resource, condition, threshold, unit,
                PAGES + "/runbooks/" + id, PAGES + "/dashboards/demo-pipeline", Map.of("incident", "demo-20261204T031240"),
                Alert.PIPEWATCH, List.of());
        return new Alert(subject, new AlertStatus(AlertState.FIRING, fired, fired, value, "2 of the last 3 datapoints breach", null),
                List.of(), null);
    }
}
