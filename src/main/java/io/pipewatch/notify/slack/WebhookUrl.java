package io.pipewatch.notify.slack;

import io.pipewatch.notify.Redactor;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Slack incoming-webhook URL: a secret, since anyone holding it can post to the channel. Its
 * {@code toString} and {@link #redact} keep it out of logs, pages and exception messages.
 */
public final class WebhookUrl {

    public static final String KEY = "pipewatch.slack.webhook-url (PIPEWATCH_SLACK_WEBHOOK_URL)";
    /** Slack's secret segment has 24 characters. */
    static final int SHORTEST_PART = 8;

    private final URI uri;
    private final Redactor redactor;

    private WebhookUrl(URI uri) {
        this.uri = uri;
        this.redactor = secretParts();
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

    /** The text with this URL, its path, its token and its secret segment replaced, however encoded. */
    public String redact(String text) {
        return redactor().redact(text);
    }

    /**
     * What of this URL is secret, each part on its own, since answers and logs quote parts: the whole URL;
     * its path ({@code /services/T000/B000/XXXX}); the token after the first segment ({@code T000/B000/XXXX});
     * the last segment alone (Slack's secret); a query string and each of its values. Parts shorter than {@link #SHORTEST_PART} are
     * words of a generic URL ({@code /hook}), not secrets, and hiding them everywhere would blur every text.
     */
    public Redactor redactor() {
        return redactor;
    }

    private Redactor secretParts() {
        List<Redactor.Secret> secrets = new ArrayList<>();
        secrets.add(new Redactor.Secret(uri.toString(), redacted()));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            secrets.add(new Redactor.Secret(path + "?" + uri.getRawQuery(), "/…"));
        }
        if (path.length() >= 2) {
            secrets.add(new Redactor.Secret(path, "/…"));
            if (uri.getPath() != null && !uri.getPath().equals(path)) {
                secrets.add(new Redactor.Secret(uri.getPath(), "/…"));
            }
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
        if (segments.size() > 1) {
            addPart(secrets, String.join("/", segments.subList(1, segments.size())));
        }
        if (!segments.isEmpty()) {
            addPart(secrets, segments.get(segments.size() - 1));
        }
        if (uri.getRawQuery() != null) {
            addPart(secrets, uri.getRawQuery());
            for (String parameter : uri.getRawQuery().split("&")) {
                addPart(secrets, parameter.substring(parameter.indexOf('=') + 1));
            }
        }
        if (uri.getRawUserInfo() != null) {
            addPart(secrets, uri.getRawUserInfo());
        }
        return Redactor.of(secrets);
    }

    private static void addPart(List<Redactor.Secret> secrets, String part) {
        if (part.length() >= SHORTEST_PART) {
            secrets.add(new Redactor.Secret(part, "…"));
        }
    }

    @Override
    public String toString() {
        return redacted();
    }
}
