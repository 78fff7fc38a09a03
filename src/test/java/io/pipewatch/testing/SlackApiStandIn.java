package io.pipewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real local HTTP server standing in for Slack's Web API ({@code /api/<method>}) and for the response URLs of
 * interactions ({@code /respond/…}). It checks the bot token as Slack does ({@code invalid_auth} otherwise), answers
 * {@code chat.postMessage} with a new {@code ts} and the channel's id, {@code chat.update} only for a message it holds
 * ({@code message_not_found} for one deleted or never posted), and {@code usergroups.users.list} from the groups given.
 * A test can script the next answers of a method (a 429 with {@code Retry-After}, an {@code ok:false} error). Every call
 * is recorded, in order.
 */
public final class SlackApiStandIn implements AutoCloseable {

    /** One call: the method, its body (JSON, or the form's fields as JSON), and the Authorization header sent. */
    public record Call(String method, JsonNode body, String authorization) {

        public String text(String field) {
            return body.path(field).asText("");
        }
    }

    /** A scripted answer: status, JSON body, Retry-After (null for none). */
    public record Answer(int status, String body, String retryAfter) {

        public static Answer error(String error) {
            return new Answer(200, "{\"ok\":false,\"error\":\"" + error + "\"}", null);
        }

        public static Answer tooMany(int seconds) {
            return new Answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}", Integer.toString(seconds));
        }
    }

    public static final String CHANNEL_ID = "C0PIPEWATCH";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<JsonNode> responses = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    /** Answers for calls whose body mentions a text: for tests that share the stand-in with other traffic. */
    private final Map<String, Answer> refusals = new ConcurrentHashMap<>();
    /** ts → the message's latest body, for messages that exist in the channel. */
    private final Map<String, JsonNode> messages = new ConcurrentHashMap<>();
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
    private long nextTs = 1_764_817_200_000_100L;

    /** @param token the bot token it accepts */
    public SlackApiStandIn(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-api-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.start();
    }

    /** The Web API's root, as {@code PIPEWATCH_SLACK_API_URL}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A response URL as an interaction payload carries it. */
    public String responseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/T0/1/x";
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Messages posted to the channel itself (not thread replies). */
    public List<Call> posts() {
        return calls("chat.postMessage").stream().filter(c -> !c.body().has("thread_ts")).toList();
    }

    public List<Call> replies() {
        return calls("chat.postMessage").stream().filter(c -> c.body().has("thread_ts")).toList();
    }

    /** What was posted to response URLs (ephemeral replies). */
    public List<JsonNode> responses() {
        return List.copyOf(responses);
    }

    /** The next answers of {@code method}, in order, before it answers as Slack would. */
    public void script(String method, Answer... answers) {
        scripted.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Every call whose body mentions {@code text} is answered so, whatever else is going on. */
    public void answerAbout(String text, Answer answer) {
        refusals.put(text, answer);
    }

    /** Someone deleted the message in Slack: edits of it now fail with {@code message_not_found}. */
    public void delete(String ts) {
        messages.remove(ts);
    }

    /** The message as it now stands in the channel (after every edit). */
    public JsonNode message(String ts) {
        return messages.get(ts);
    }

    /** The ts of the channel's message whose content mentions {@code text}, if there is one. */
    public java.util.Optional<String> messageAbout(String text) {
        return messages.entrySet().stream().filter(e -> e.getValue().toString().contains(text)).map(Map.Entry::getKey).findFirst();
    }

    public void userGroup(String id, String... users) {
        groups.put(id, List.of(users));
    }

    /** Waits until the calls made satisfy the condition. */
    public void await(Predicate<List<Call>> condition, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> condition.test(calls()));
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        JsonNode body = type.startsWith("application/json") ? JSON.readTree(bytes) : form(new String(bytes, StandardCharsets.UTF_8));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        calls.add(new Call(method, body, auth));
        Answer answer;
        Deque<Answer> queue = scripted.get(method);
        synchronized (this) {
            answer = queue == null ? null : queue.pollFirst();
        }
        if (answer == null) {
            String said = body.toString();
            answer = refusals.entrySet().stream().filter(e -> said.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
        }
        if (answer == null) {
            answer = ("Bearer " + token).equals(auth) ? slack(method, body) : Answer.error("invalid_auth");
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    /** As Slack answers a call with a good token. */
    private synchronized Answer slack(String method, JsonNode body) {
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "chat.postMessage" -> {
                String channel = body.path("channel").asText("");
                if (!channel.equals(CHANNEL_ID) && !channel.equals("#alerts")) {
                    return Answer.error("channel_not_found");
                }
                String thread = body.path("thread_ts").asText(null);
                if (thread != null && !messages.containsKey(thread)) {
                    return Answer.error("thread_not_found");
                }
                String ts = String.format("%d.%06d", nextTs / 1_000_000, nextTs % 1_000_000);
                nextTs++;
                if (thread == null) {
                    messages.put(ts, body);
                }
                ok.put("channel", CHANNEL_ID).put("ts", ts).set("message", body);
            }
            case "chat.update" -> {
                String ts = body.path("ts").asText("");
                if (!body.path("channel").asText("").equals(CHANNEL_ID)) {
                    return Answer.error("channel_not_found");
                }
                if (!messages.containsKey(ts)) {
                    return Answer.error("message_not_found");
                }
                messages.put(ts, body);
                ok.put("channel", CHANNEL_ID).put("ts", ts).put("text", body.path("text").asText(""));
            }
            case "usergroups.users.list" -> {
                List<String> users = groups.get(body.path("usergroup").asText(""));
                if (users == null) {
                    return Answer.error("no_such_subteam");
                }
                ok.set("users", JSON.valueToTree(users));
            }
            default -> {
                return Answer.error("unknown_method");
            }
        }
        return new Answer(200, ok.toString(), null);
    }

    private void respond(HttpExchange exchange) throws IOException {
        responses.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
        byte[] out = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private static JsonNode form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return JSON.valueToTree(fields);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
