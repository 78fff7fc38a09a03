package io.pipewatch.notify.slack.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/** The Slack app as configured, for what is not one receiver's: reading user groups for the responders' check. */
public final class SlackApps {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private SlackApps() {
    }

    /** The Web API as the first Slack app receiver reaches it (the default one first); empty when there is none. */
    public static Optional<SlackWebApi> firstApi(PipewatchConfig config, ObjectMapper json) {
        String key = "pipewatch.slack.bot-token";
        Optional<String> token = config.slack().botToken().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            var named = config.receivers().entrySet().stream()
                    .filter(e -> e.getValue().botToken().filter(t -> !t.isBlank()).isPresent()).findFirst();
            token = named.flatMap(e -> e.getValue().botToken());
            key = named.map(e -> "pipewatch.receivers." + e.getKey() + ".bot-token").orElse(key);
        }
        String tokenKey = key;
        // Read while a press waits for its answer, which Slack wants within 3 s.
        Duration timeout = config.slack().timeout().compareTo(READ_TIMEOUT) < 0 ? config.slack().timeout() : READ_TIMEOUT;
        return token.map(t -> new SlackWebApi(HttpUrl.get(config.slack().apiUrl()), BotToken.parse(t, tokenKey), timeout, json));
    }
}
