package io.pipewatch.notify.slack;

import java.net.URI;

/**
 * A Slack incoming-webhook URL: a secret, since anyone holding it can post to the channel. Its
 * {@code toString} and {@link #redact} keep it out of logs, pages and exception messages.
 */
public final class WebhookUrl {

    public static final String KEY = "pipewatch.slack.webhook-url (PIPEWATCH_SLACK_WEBHOOK_URL)";

    private final URI uri;

    private WebhookUrl(URI uri) {
        this.uri = uri;
    }

    /** @throws IllegalArgumentException naming the key, never echoing the value */
    public static WebhookUrl parse(String value) {
        return parse(value, KEY);
    }

    /** @param key the configuration key the value came from, for the error message */
    public static WebhookUrl parse(String value, String key) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + ": must be an http(s) URL such as https://hooks.slack.com/services/…");
        }
        return new WebhookUrl(uri);
    }

    public URI uri() {
        return uri;
    }

    /** Scheme and host only, e.g. {@code https://hooks.slack.com/…}. */
    public String redacted() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
    }

    /** The text with every occurrence of this URL, or of its secret path, replaced. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(uri.toString(), redacted());
        String path = uri.getRawPath();
        return path == null || path.length() < 2 ? out : out.replace(path, "/…");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
