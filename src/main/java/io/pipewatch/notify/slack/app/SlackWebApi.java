package io.pipewatch.notify.slack.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.notify.Redactor;
import io.pipewatch.notify.RetryClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls Slack's Web API ({@code https://slack.com/api/<method>}) as the app, with its bot token: JSON in, JSON out.
 * Every answer is classified, including the {@code "ok": false} ones Slack sends with HTTP 200 ({@link SlackErrors}),
 * and 429 waits as Slack's {@code Retry-After} says. Failure texts hold no token: they name the method, Slack's
 * error code, or the I/O failure, redacted.
 */
public final class SlackWebApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** chat.postMessage echoes the whole message back; anything beyond this is not an answer of Slack's. */
    static final int ANSWER_READ_LIMIT = 1024 * 1024;

    private final HttpUrl base;
    private final BotToken token;
    private final OkHttpClient http;
    private final ObjectMapper json;

    /** @param base the API's root, {@code https://slack.com/api/} ({@code PIPEWATCH_SLACK_API_URL}) */
    public SlackWebApi(HttpUrl base, BotToken token, Duration timeout, ObjectMapper json) {
        this.base = base;
        this.token = token;
        this.json = json;
        this.http = new OkHttpClient.Builder().callTimeout(timeout).build();
    }

    /** The same API and token, with calls cut off after {@code timeout}. */
    public SlackWebApi withTimeout(Duration timeout) {
        return new SlackWebApi(base, token, json, http.newBuilder().callTimeout(timeout).build());
    }

    private SlackWebApi(HttpUrl base, BotToken token, ObjectMapper json, OkHttpClient http) {
        this.base = base;
        this.token = token;
        this.json = json;
        this.http = http;
    }

    /** A write method ({@code chat.postMessage}, {@code chat.update}) with a JSON body; answers Slack's JSON. */
    public JsonNode call(String method, Map<String, Object> body) throws SlackApiException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new SlackApiException("cannot encode " + method + ": " + e.getOriginalMessage(), "", false, Optional.empty());
        }
        return send(method, RequestBody.create(bytes, JSON));
    }

    /** A read method ({@code usergroups.users.list}), form-encoded as Slack's read methods expect. */
    public JsonNode read(String method, Map<String, String> parameters) throws SlackApiException {
        FormBody.Builder form = new FormBody.Builder();
        parameters.forEach(form::add);
        return send(method, form.build());
    }

    public Redactor redactor() {
        return token.redactor();
    }

    private JsonNode send(String method, RequestBody body) throws SlackApiException {
        HttpUrl url = base.newBuilder().addPathSegment(method).build();
        Request request = new Request.Builder().url(url).header("Authorization", token.bearer()).post(body).build();
        String what = "Slack " + method;
        try (Response response = http.newCall(request).execute()) {
            String retryAfter = response.header("Retry-After");
            if (!response.isSuccessful()) {
                var failure = RetryClassifier.answered(what, response.code(), "", retryAfter);
                throw new SlackApiException(failure.getMessage(), "", failure.retryable(), failure.retryAfter());
            }
            JsonNode answer = answer(response);
            if (answer.path("ok").asBoolean(false)) {
                return answer;
            }
            String error = answer.path("error").asText("unknown_error");
            boolean retry = SlackErrors.retryable(error);
            throw new SlackApiException(what + " answered " + SlackErrors.explained(error), error, retry,
                    retry ? RetryClassifier.retryAfter(retryAfter) : Optional.empty());
        } catch (IOException e) {
            String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            var failure = RetryClassifier.unreachable(what, token.redactor().redactAndCut(detail, 200).replaceAll("\\s+", " "));
            throw new SlackApiException(failure.getMessage(), "", true, Optional.empty());
        }
    }

    /** Slack's JSON, read up to a bound; anything else (a proxy's error page) is an answer without {@code ok}. */
    private JsonNode answer(Response response) throws IOException {
        byte[] bytes;
        try (InputStream in = response.body().byteStream()) {
            bytes = in.readNBytes(ANSWER_READ_LIMIT);
        }
        try {
            JsonNode node = json.readTree(bytes);
            return node == null ? json.createObjectNode() : node;
        } catch (JsonProcessingException notJson) {
            return json.createObjectNode().put("ok", false).put("error", "not_json_answer");
        }
    }
}
