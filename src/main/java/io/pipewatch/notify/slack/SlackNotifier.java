package io.pipewatch.notify.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.notify.DeliveryException;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.Notifier;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts notifications to a Slack incoming webhook. Slack answers 200 {@code ok}, or an HTTP error
 * with a plain-text reason ({@code invalid_payload}, {@code channel_not_found}, …); 429 and 5xx
 * are outages worth retrying, other 4xx are refusals. Every message it produces is redacted.
 */
public class SlackNotifier implements Notifier {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int REASON_LIMIT = 200;

    private final String name;
    private final WebhookUrl webhook;
    private final OkHttpClient http;
    private final ObjectMapper json;

    public SlackNotifier(String name, WebhookUrl webhook, Duration timeout, ObjectMapper json) {
        this.name = name;
        this.webhook = webhook;
        this.json = json;
        this.http = new OkHttpClient.Builder().callTimeout(timeout).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(GroupNotification notification) throws DeliveryException {
        byte[] body;
        try {
            body = json.writeValueAsBytes(SlackMessage.of(notification));
        } catch (JsonProcessingException e) {
            throw new DeliveryException("cannot encode Slack message: " + e.getOriginalMessage(), false);
        }
        Request request = new Request.Builder().url(webhook.uri().toString()).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.isSuccessful()) {
                return;
            }
            String reason = response.body().string().strip();
            if (reason.length() > REASON_LIMIT) {
                reason = reason.substring(0, REASON_LIMIT) + "…";
            }
            int code = response.code();
            throw new DeliveryException(webhook.redact("Slack webhook " + webhook.redacted() + " answered " + code
                    + (reason.isEmpty() ? "" : " " + reason)), code == 429 || code >= 500, retryAfter(response.header("Retry-After")));
        } catch (IOException e) {
            throw new DeliveryException(webhook.redact("Slack webhook " + webhook.redacted() + " unreachable: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())), true);
        }
    }

    /** Slack sends whole seconds; an HTTP date or garbage is treated as not said (backoff applies). */
    static java.util.Optional<Duration> retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
    }
}
