package io.pipewatch.notify.slack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Acknowledgement;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.rule.Severity;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.PostedMessage;
import io.pipewatch.testing.SlackApiStandIn;
import io.pipewatch.testing.SlackApiStandIn.Answer;
import io.pipewatch.testing.TestAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Slack app receiver against a real local server answering as Slack's Web API does. */
class SlackAppNotifierTest {

    private static final String TOKEN = "xoxb-1111-2222-n0tAr3alT0k3n";
    private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");
    private final SlackApiStandIn slack = new SlackApiStandIn(TOKEN);
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final SlackAppNotifier notifier = new SlackAppNotifier("slack", SlackApiStandIn.CHANNEL_ID,
            new SlackWebApi(HttpUrl.get(slack.apiUrl()), BotToken.parse(TOKEN, "pipewatch.slack.bot-token"), Duration.ofSeconds(5), json));

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void anIncidentIsOneMessagePostedOnceThenEditedWithEachChangeToldInItsThread() throws Exception {
        Alert lag = alert("lag", T0);
        Alert errors = alert("errors", T0.plusSeconds(40));
        PostedMessage first = notifier.deliver(about(List.of(lag), List.of(), open()), Optional.empty());
        assertEquals(1, slack.posts().size());
        assertEquals("Bearer " + TOKEN, slack.posts().get(0).authorization());
        assertEquals(SlackApiStandIn.CHANNEL_ID, first.channel());
        assertTrue(first.open());
        assertEquals(SlackAppMessage.RED, slack.message(first.ts()).at("/attachments/0/color").asText());
        assertTrue(buttons(first).contains("\"action_id\":\"pipewatch.ack\""), buttons(first));
        assertTrue(buttons(first).contains("\"value\":\"incident:i-1\""), buttons(first));

        PostedMessage second = notifier.deliver(about(List.of(lag, errors), List.of(), open()), Optional.of(first));
        assertEquals(first.ts(), second.ts(), "the same message");
        assertEquals(1, slack.posts().size(), "no second message in the channel");
        assertEquals(List.of(first.ts()), slack.calls("chat.update").stream().map(c -> c.text("ts")).toList());
        assertEquals(1, slack.replies().size());
        assertEquals(first.ts(), slack.replies().get(0).text("thread_ts"));
        assertTrue(slack.replies().get(0).text("text").startsWith("🔥 *Alarm errors* fired: "), slack.replies().get(0).text("text"));

        Alert owned = errors.acknowledged(new Acknowledgement("@ana", "from Slack by user U0ANA", T0.plusSeconds(60)));
        PostedMessage third = notifier.deliver(about(List.of(lag.acknowledged(owned.ack()), owned), List.of(), open()),
                Optional.of(second));
        assertEquals("👀 Acknowledged by @ana", slack.replies().get(1).text("text"), "one line, not one per alert");
        assertEquals(SlackAppMessage.AMBER, slack.message(third.ts()).at("/attachments/0/color").asText());
        assertTrue(slack.message(third.ts()).toString().contains("Acknowledged by @ana"));

        var resolved = new GroupNotification.IncidentNote("i-1", "Ingest falling behind", "resolved", "lag first", List.of(),
                null, T0, T0.plus(Duration.ofMinutes(12)));
        PostedMessage last = notifier.deliver(about(List.of(), List.of(TestAlerts.in(lag, AlertState.RESOLVED,
                T0.plus(Duration.ofMinutes(12))), TestAlerts.in(errors, AlertState.RESOLVED, T0.plus(Duration.ofMinutes(11)))),
                resolved), Optional.of(third));
        assertFalse(last.open());
        assertEquals(SlackAppMessage.GREEN, slack.message(last.ts()).at("/attachments/0/color").asText());
        assertTrue(slack.message(last.ts()).toString().contains("*Resolved* after 12 min"), slack.message(last.ts()).toString());
        assertFalse(buttons(last).contains("pipewatch.ack"), "nothing left to acknowledge");
        String story = slack.replies().get(2).text("text");
        assertTrue(story.contains("✅ *Alarm lag* resolved after 12 min") && story.endsWith("✅ *Incident resolved* after 12 min"), story);
        assertEquals(1, slack.posts().size());
    }

    @Test
    void onePressThatAcknowledgesEachAlertInTurnIsToldOnceInTheThread() throws Exception {
        Alert lag = alert("lag", T0);
        Alert errors = alert("errors", T0);
        var ack = new Acknowledgement("@ana", "from Slack by user U0ANA", T0.plusSeconds(60));
        PostedMessage posted = notifier.deliver(about(List.of(lag, errors), List.of(), open()), Optional.empty());
        PostedMessage first = notifier.deliver(about(List.of(lag.acknowledged(ack), errors), List.of(), open()), Optional.of(posted));
        notifier.deliver(about(List.of(lag.acknowledged(ack), errors.acknowledged(ack)), List.of(), open()), Optional.of(first));
        assertEquals(List.of("👀 Acknowledged by @ana"), slack.replies().stream().map(r -> r.text("text")).toList(),
                "the second edit says nothing new in the thread");
        assertEquals(2, slack.calls("chat.update").size(), "but the message shows both acknowledged");
    }

    @Test
    void aDeletedMessageIsPostedAgainRatherThanLost() throws Exception {
        PostedMessage first = notifier.deliver(about(List.of(alert("lag", T0)), List.of(), open()), Optional.empty());
        slack.delete(first.ts());
        PostedMessage again = notifier.deliver(about(List.of(alert("lag", T0), alert("errors", T0)), List.of(), open()),
                Optional.of(first));
        assertEquals(2, slack.posts().size());
        assertFalse(again.ts().equals(first.ts()));
        assertEquals(List.of(), slack.replies(), "no reply into a thread that is gone");
    }

    @Test
    void aNewFiringAfterEverythingResolvedIsANewMessageUnlessItReopensTheSameIncident() throws Exception {
        PostedMessage settled = new PostedMessage(SlackApiStandIn.CHANNEL_ID, "1.1", "i-1", false, java.util.Set.of());
        notifier.deliver(about(List.of(alert("lag", T0)), List.of(), open().withId("i-2")), Optional.of(settled));
        assertEquals(1, slack.posts().size(), "another incident: a message of its own");
        PostedMessage posted = notifier.deliver(about(List.of(alert("lag", T0)), List.of(), open()), Optional.empty());
        PostedMessage quiet = new PostedMessage(posted.channel(), posted.ts(), "i-1", false, java.util.Set.of());
        notifier.deliver(about(List.of(alert("lag", T0.plusSeconds(600))), List.of(), open()), Optional.of(quiet));
        assertEquals(2, slack.posts().size(), "the same incident reopened: its message is edited");
        assertEquals(1, slack.calls("chat.update").size());
    }

    @Test
    void aRateLimitIsRetriedAfterTheTimeSlackAskedForWhetherAs429OrOkFalse() {
        slack.script("chat.postMessage", Answer.tooMany(7));
        var e = assertThrows(SlackApiException.class, () -> notifier.deliver(about(List.of(alert("lag", T0)), List.of(), open()),
                Optional.empty()));
        assertTrue(e.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        slack.script("chat.postMessage", Answer.error("ratelimited"));
        var ok200 = assertThrows(SlackApiException.class, () -> notifier.deliver(about(List.of(alert("lag", T0)), List.of(),
                open()), Optional.empty()));
        assertTrue(ok200.retryable(), "ok:false ratelimited with HTTP 200 is retried too");
        assertEquals("ratelimited", ok200.error());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid_auth | PIPEWATCH_SLACK_BOT_TOKEN", "channel_not_found | PIPEWATCH_SLACK_CHANNEL",
            "not_in_channel | /invite", "account_inactive | reinstall", "invalid_blocks | invalid_blocks"})
    void slacksRefusalsAreFinalAndSayWhatToDo(String error, String advice) {
        slack.script("chat.postMessage", Answer.error(error));
        var e = assertThrows(SlackApiException.class, () -> notifier.deliver(about(List.of(alert("lag", T0)), List.of(), open()),
                Optional.empty()));
        assertFalse(e.retryable(), error);
        assertTrue(e.getMessage().startsWith("Slack chat.postMessage answered " + error), e.getMessage());
        assertTrue(e.getMessage().contains(advice), e.getMessage());
    }

    @Test
    void anOutageIsRetriedAndTheTokenIsNeverInWhatFailureSays() {
        slack.script("chat.postMessage", new Answer(503, "upstream " + TOKEN + " down", null));
        var e = assertThrows(SlackApiException.class, () -> notifier.deliver(about(List.of(alert("lag", T0)), List.of(), open()),
                Optional.empty()));
        assertTrue(e.retryable());
        assertFalse(e.getMessage().contains("n0tAr3al"), e.getMessage());
        var wrongToken = new SlackAppNotifier("slack", SlackApiStandIn.CHANNEL_ID, new SlackWebApi(HttpUrl.get(slack.apiUrl()),
                BotToken.parse("xoxb-9999-bad-t0k3n-here", "k"), Duration.ofSeconds(5), json));
        var refused = assertThrows(SlackApiException.class, () -> wrongToken.deliver(about(List.of(alert("lag", T0)), List.of(),
                open()), Optional.empty()));
        assertFalse(refused.getMessage().contains("t0k3n"), refused.getMessage());
        assertTrue(wrongToken.redactor().redact("token xoxb-9999-bad-t0k3n-here").equals("token xoxb-…"));
        assertEquals("xoxb-…", BotToken.parse(TOKEN, "k").toString());
    }

    @Test
    void aBotTokenIsCheckedWithoutEchoingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> BotToken.parse("xoxp-personal-s3cr3t-token", "pipewatch.slack.bot-token"));
        assertTrue(e.getMessage().startsWith("pipewatch.slack.bot-token: not a Slack bot token"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    private String buttons(PostedMessage m) {
        return slack.message(m.ts()).at("/attachments/0/blocks").toString();
    }

    private static Alert alert(String id, Instant fired) {
        return TestAlerts.alert(id, AlertState.FIRING, Severity.CRITICAL, fired, Map.of("incident", "i-1"));
    }

    private static Note open() {
        return new Note("i-1");
    }

    /** An incident note under construction: its id, open. */
    private record Note(String id) {
        Note withId(String other) {
            return new Note(other);
        }
    }

    private static GroupNotification about(List<Alert> firing, List<Alert> resolved, Note note) {
        return about(firing, resolved, new GroupNotification.IncidentNote(note.id(), "Ingest falling behind", "open",
                "lag first", List.of("errors on ingest"), "https://pipewatch.example.com/dashboards/demo-pipeline", T0, null));
    }

    private static GroupNotification about(List<Alert> firing, List<Alert> resolved, GroupNotification.IncidentNote note) {
        return GroupNotification.of("slack", "default{incident=" + note.id() + "}", Map.of("incident", note.id()), firing,
                resolved, false, "https://pipewatch.example.com/dashboards/d", T0).about(note);
    }
}
