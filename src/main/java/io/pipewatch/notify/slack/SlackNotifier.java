package io.pipewatch.notify.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.notify.DeliveryException;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.Redactor;
import io.pipewatch.notify.RetryClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts notifications to a Slack incoming webhook. Slack answers 200 {@code ok}, or an HTTP error
 * with a plain-text reason ({@code invalid_payload}, {@code channel_not_found}, …), classified by
 * {@link RetryClassifier}: 429 and 5xx are outages worth retrying, other 4xx are refusals. Every message it produces is redacted before it is cut.
 */
public class SlackNotifier implements Notifier {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int REASON_LIMIT = 200;
    /** Far more than any reason Slack gives; an answer beyond it is not a reason, and is not held in memory. */
    static final int ANSWER_READ_LIMIT = 16 * 1024;

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
            throw RetryClassifier.answered("Slack webhook " + webhook.redacted(), response.code(), reason(response),
                    response.header("Retry-After"));
        } catch (IOException e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            throw RetryClassifier.unreachable("Slack webhook " + webhook.redacted(),
                    oneLine(webhook.redactor().redactAndCut(what, REASON_LIMIT)));
        }
    }

    @Override
    public String mode() {
        return "webhook";
    }

    @Override
    public Redactor redactor() {
        return webhook.redactor();
    }

    /**
     * Slack's answer, redacted, then cut: it may quote the webhook (raw, JSON-escaped, URL-encoded, or its
     * token), and a URL cut at the limit first would no longer be recognised. Read up to a bound (Slack's
     * reasons are a word), and a secret that bound cut off is hidden as well.
     */
    private String reason(Response response) throws IOException {
        byte[] bytes;
        try (InputStream body = response.body().byteStream()) {
            bytes = body.readNBytes(ANSWER_READ_LIMIT + 1);
        }
        boolean cutOff = bytes.length > ANSWER_READ_LIMIT;
        String answer = new String(bytes, 0, Math.min(bytes.length, ANSWER_READ_LIMIT), StandardCharsets.UTF_8);
        String redacted = cutOff ? webhook.redactor().redactHead(answer) : webhook.redactor().redact(answer);
        return oneLine(Redactor.cut(redacted.strip(), REASON_LIMIT));
    }

    /** One log line per failure, whatever the answer held. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
