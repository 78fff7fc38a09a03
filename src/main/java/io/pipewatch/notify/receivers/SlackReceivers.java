package io.pipewatch.notify.receivers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.notify.LogNotifier;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.slack.SlackNotifier;
import io.pipewatch.notify.slack.WebhookUrl;
import io.pipewatch.notify.slack.app.BotToken;
import io.pipewatch.notify.slack.app.SlackAppNotifier;
import io.pipewatch.notify.slack.app.SlackWebApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Reads the receivers: each is a Slack incoming webhook ({@code webhook-url}) or a Slack app ({@code bot-token} and
 * {@code channel}), never both; the default one ({@code slack}) is the log when neither is set. Problems name their key
 * and never echo a secret; {@link #problems} finds them all before anything is built.
 */
public final class SlackReceivers {

    public static final String DEFAULT_RECEIVER = "slack";
    private static final String DEFAULT_KEYS = "pipewatch.slack";

    private SlackReceivers() {
    }

    /** Every problem with the receivers' settings, one line each; none when they are fine. */
    public static List<String> problems(PipewatchConfig config) {
        List<String> problems = new ArrayList<>();
        PipewatchConfig.Slack slack = config.slack();
        check(DEFAULT_KEYS, "PIPEWATCH_SLACK_", slack.webhookUrl(), slack.botToken(), slack.channel(), problems);
        config.receivers().forEach((name, r) -> check("pipewatch.receivers." + name, null, r.webhookUrl(), r.botToken(),
                r.channel(), problems));
        // Only a Slack app calls the Web API. Checked only then: OkHttp's first parse loads its IDN tables and the
        // JDK's Unicode normaliser, about 70 ms of a start that has none (docs/performance.md, "Start-up").
        if (anyApp(config) && HttpUrl.parse(slack.apiUrl()) == null) {
            problems.add("pipewatch.slack.api-url (PIPEWATCH_SLACK_API_URL): must be an http(s) URL, such as https://slack.com/api/");
        }
        for (String id : slack.responders().orElse(List.of())) {
            if (!id.strip().matches("[UWS][A-Z0-9]{2,}")) {
                problems.add("pipewatch.slack.responders (PIPEWATCH_SLACK_RESPONDERS): '" + id.strip()
                        + "' is not a Slack user id (U…, W…) or user-group id (S…)");
            }
        }
        return problems;
    }

    /** Every receiver, the default first. Call after {@link #problems} found none. */
    public static List<Notifier> build(PipewatchConfig config, ObjectMapper json) {
        List<Notifier> out = new ArrayList<>();
        PipewatchConfig.Slack slack = config.slack();
        out.add(receiver(DEFAULT_RECEIVER, DEFAULT_KEYS, slack.webhookUrl(), slack.botToken(), slack.channel(), config, json)
                .orElseGet(() -> new LogNotifier(DEFAULT_RECEIVER)));
        config.receivers().forEach((name, r) -> out.add(receiver(name, "pipewatch.receivers." + name, r.webhookUrl(),
                r.botToken(), r.channel(), config, json).orElseThrow()));
        return out;
    }

    /** Whether any receiver is a Slack app: its buttons need the signing secret. */
    public static boolean anyApp(PipewatchConfig config) {
        return set(config.slack().botToken()).isPresent()
                || config.receivers().values().stream().anyMatch(r -> set(r.botToken()).isPresent());
    }

    private static Optional<Notifier> receiver(String name, String prefix, Optional<String> webhook, Optional<String> token,
            Optional<String> channel, PipewatchConfig config, ObjectMapper json) {
        if (set(token).isPresent()) {
            var api = new SlackWebApi(HttpUrl.get(config.slack().apiUrl()), BotToken.parse(token.get(), prefix + ".bot-token"),
                    config.slack().timeout(), json);
            return Optional.of(new SlackAppNotifier(name, channel.orElseThrow().strip(), api));
        }
        return set(webhook).map(url -> new SlackNotifier(name, WebhookUrl.parse(url, prefix + ".webhook-url"
                + (prefix.equals(DEFAULT_KEYS) ? " (PIPEWATCH_SLACK_WEBHOOK_URL)" : "")), config.slack().timeout(), json));
    }

    private static void check(String prefix, String env, Optional<String> webhook, Optional<String> token,
            Optional<String> channel, List<String> problems) {
        boolean isDefault = env != null;
        String webhookKey = prefix + ".webhook-url" + (isDefault ? " (" + env + "WEBHOOK_URL)" : "");
        String tokenKey = prefix + ".bot-token" + (isDefault ? " (" + env + "BOT_TOKEN)" : "");
        String channelKey = prefix + ".channel" + (isDefault ? " (" + env + "CHANNEL)" : "");
        if (set(webhook).isPresent() && set(token).isPresent()) {
            problems.add(tokenKey + ": set either a webhook (" + prefix + ".webhook-url) or a Slack app (bot-token and channel), not both");
            return;
        }
        if (set(token).isPresent()) {
            try {
                BotToken.parse(token.get(), tokenKey);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            if (set(channel).isEmpty()) {
                problems.add(channelKey + ": a Slack app needs the channel it posts to (an id such as C0123ABCD)");
            }
        } else if (set(webhook).isPresent()) {
            try {
                WebhookUrl.parse(webhook.get(), webhookKey);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        } else if (!isDefault) {
            problems.add(prefix + ": give webhook-url, or bot-token and channel");
        }
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
