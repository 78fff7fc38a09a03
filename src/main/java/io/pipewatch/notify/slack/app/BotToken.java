package io.pipewatch.notify.slack.app;

import io.pipewatch.notify.Redactor;
import java.util.List;

/**
 * A Slack bot token ({@code xoxb-…}): a secret, since it posts as the app to every channel the app is in. Its
 * {@code toString} and {@link #redactor()} keep it out of logs, pages and exception messages.
 */
public final class BotToken {

    private final String value;
    private final Redactor redactor;

    private BotToken(String value) {
        this.value = value;
        this.redactor = Redactor.of(List.of(new Redactor.Secret(value, "xoxb-…")));
    }

    /** @throws IllegalArgumentException naming the key, never echoing the value */
    public static BotToken parse(String value, String key) {
        String token = value == null ? "" : value.strip();
        if (!token.startsWith("xoxb-") || token.length() < 16 || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(key + ": not a Slack bot token (xoxb-…, from the app's OAuth & Permissions page)");
        }
        return new BotToken(token);
    }

    /** The {@code Authorization} header's value. */
    String bearer() {
        return "Bearer " + value;
    }

    public Redactor redactor() {
        return redactor;
    }

    @Override
    public String toString() {
        return "xoxb-…";
    }
}
