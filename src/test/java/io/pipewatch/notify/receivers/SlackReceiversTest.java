package io.pipewatch.notify.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.notify.Notifier;
import io.pipewatch.testing.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which receivers exist, and every problem with their settings named by key, without echoing a secret. */
class SlackReceiversTest {

    private static final String TOKEN = "xoxb-1234-5678-s3cr3tT0k3nValue";

    @Test
    void eachReceiverIsAWebhookOrAnAppOrForTheDefaultTheLog() {
        var config = config(slack(Optional.empty(), Optional.empty(), Optional.empty(), List.of()), Map.of(
                "pager", receiver(Optional.of("https://hooks.slack.com/services/T0/B0/abcdefghij"), Optional.empty(), Optional.empty()),
                "oncall", receiver(Optional.empty(), Optional.of(TOKEN), Optional.of("C0ONCALL"))));
        assertEquals(List.of(), SlackReceivers.problems(config));
        List<Notifier> built = SlackReceivers.build(config, new ObjectMapper());
        assertEquals(List.of("slack:log", "oncall:app", "pager:webhook"), built.stream().map(n -> n.name() + ":" + n.mode()).toList(),
                "the default first, then the named ones");
        assertEquals("token xoxb-…", built.stream().filter(n -> n.name().equals("oncall")).findFirst().orElseThrow()
                .redactor().redact("token " + TOKEN));
    }

    @Test
    void everyProblemIsNamedByItsKeyAndNoSecretIsEchoed() {
        var config = config(slack(Optional.of("https://hooks.slack.com/services/T0/B0/abcdefghij"), Optional.of(TOKEN),
                Optional.empty(), List.of("U0ANA", "ana")), Map.of(
                "a", receiver(Optional.empty(), Optional.of("xoxp-" + TOKEN.substring(5)), Optional.empty()),
                "b", receiver(Optional.empty(), Optional.empty(), Optional.empty())));
        List<String> problems = SlackReceivers.problems(config);
        assertEquals(List.of(
                "pipewatch.slack.bot-token (PIPEWATCH_SLACK_BOT_TOKEN): set either a webhook (pipewatch.slack.webhook-url) or a Slack app (bot-token and channel), not both",
                "pipewatch.receivers.a.bot-token: not a Slack bot token (xoxb-…, from the app's OAuth & Permissions page)",
                "pipewatch.receivers.a.channel: a Slack app needs the channel it posts to (an id such as C0123ABCD)",
                "pipewatch.receivers.b: give webhook-url, or bot-token and channel",
                "pipewatch.slack.responders (PIPEWATCH_SLACK_RESPONDERS): 'ana' is not a Slack user id (U…, W…) or user-group id (S…)"),
                problems);
        assertFalse(String.join("\n", problems).contains("s3cr3t"));
    }

    @Test
    void theWebApiUrlIsCheckedWhereAnAppCallsIt() {
        var withApp = config(slack(Optional.empty(), Optional.of(TOKEN), Optional.of("C0ONCALL"), List.of(), "slack.com/api"), Map.of());
        assertEquals(List.of("pipewatch.slack.api-url (PIPEWATCH_SLACK_API_URL): must be an http(s) URL, such as https://slack.com/api/"),
                SlackReceivers.problems(withApp));
        var withoutApp = config(slack(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), "slack.com/api"), Map.of());
        assertEquals(List.of(), SlackReceivers.problems(withoutApp), "no receiver calls the Web API");
    }

    private static PipewatchConfig config(PipewatchConfig.Slack slack, Map<String, PipewatchConfig.Receiver> receivers) {
        return Settings.of(PipewatchConfig.class, Map.of("slack", slack, "receivers", new java.util.TreeMap<>(receivers)));
    }

    private static PipewatchConfig.Slack slack(Optional<String> webhook, Optional<String> token, Optional<String> channel,
            List<String> responders) {
        return slack(webhook, token, channel, responders, "https://slack.com/api/");
    }

    private static PipewatchConfig.Slack slack(Optional<String> webhook, Optional<String> token, Optional<String> channel,
            List<String> responders, String apiUrl) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("webhookUrl", webhook);
        values.put("botToken", token);
        values.put("channel", channel);
        values.put("apiUrl", apiUrl);
        values.put("signingSecret", Optional.empty());
        values.put("responders", responders.isEmpty() ? Optional.empty() : Optional.of(responders));
        values.put("timeout", Duration.ofSeconds(10));
        return Settings.of(PipewatchConfig.Slack.class, values);
    }

    private static PipewatchConfig.Receiver receiver(Optional<String> webhook, Optional<String> token, Optional<String> channel) {
        return Settings.of(PipewatchConfig.Receiver.class, Map.of("webhookUrl", webhook, "botToken", token, "channel", channel));
    }
}
