package io.pipewatch.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.time.Duration;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A real local HTTP server standing in for Slack's incoming webhook, configured as Pipewatch's
 * webhook for every in-process integration test. It answers 200 and keeps every message, so each
 * test can wait for the ones it cares about. A message about an alarm named {@code echo-FORM-…} is
 * refused instead, with an answer quoting the webhook URL in that form (see {@link #echo}), the way a
 * proxy or an error page may; {@code echo-retry-…} is first answered 500, then refused.
 */
public class SlackStandIn implements QuarkusTestResourceLifecycleManager {

    static final String SECRET = "n0tAr3alS3cr3t";
    static final String SECRET_PATH = "/services/T0TEST/B0TEST/" + SECRET;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Inbox inbox = new Inbox();
    private MockWebServer server;

    /** Marks the field of a test that receives this stand-in's {@link Inbox}. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    @interface Messages {
    }

    /** What this stand-in received, handed to each test that asks, rather than kept in a static list. */
    static final class Inbox {
        private final List<Received> received = new CopyOnWriteArrayList<>();

        List<Received> received() {
            return received;
        }

        /** The first message matching, waiting up to {@code seconds} for it to arrive. */
        Optional<Received> await(Predicate<Received> wanted, int seconds) {
            try {
                return Optional.of(Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(100))
                        .until(() -> received.stream().filter(wanted).findFirst(), Optional::isPresent).get());
            } catch (ConditionTimeoutException none) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return received.toString();
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(inbox, new TestInjector.AnnotatedAndMatchesType(Messages.class, Inbox.class));
    }

    /** One POST: its path and its JSON body. */
    record Received(String path, JsonNode body) {
        String header() {
            return body.get("blocks").get(0).get("text").get("text").asText();
        }

        /** The message's buttons (its actions block), as JSON text; empty when it has none. */
        String buttons() {
            return blockWith("elements", "actions");
        }

        /** The fields of the alert's facts (where, severity, value, since or resolved), as JSON text. */
        String fields() {
            return blockWith("fields", "section");
        }

        private String blockWith(String key, String type) {
            for (JsonNode block : body.get("blocks")) {
                if (type.equals(block.path("type").asText()) && block.has(key)) {
                    return block.get(key).toString();
                }
            }
            return "";
        }
    }

    @Override
    public Map<String, String> start() {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Received received;
                try {
                    received = new Received(request.getUrl().encodedPath(), JSON.readTree(request.getBody().utf8()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                inbox.received.add(received);
                String header = received.header();
                int echo = header.indexOf("echo-");
                if (echo < 0) {
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
                String form = header.substring(echo + 5, header.indexOf('-', echo + 5));
                String url = request.getUrl().toString();
                boolean firstTry = inbox.received.stream().filter(r -> r.header().equals(header)).count() == 1;
                if (form.equals("retry") && firstTry) {
                    return new MockResponse.Builder().code(500).addHeader("Retry-After", "0").body(echo("raw", url)).build();
                }
                return new MockResponse.Builder().code(400).body(echo(form, url)).build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("pipewatch.slack.webhook-url", server.url(SECRET_PATH).toString(),
                "pipewatch.public-url", "http://pipewatch.test");
    }

    /**
     * An answer quoting the webhook URL in one form, placed so that a cut of the answer at 200 characters
     * falls inside its secret segment.
     */
    static String echo(String form, String url) {
        String token = SECRET_PATH.substring("/services/".length());
        String quoted = switch (form) {
            case "json" -> "{\"url\":\"" + url.replace("/", "\\/") + "\"}";
            case "encoded" -> java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8);
            case "lower" -> url.replace(":", "%3a").replace("/", "%2f");
            case "token" -> "token " + token;
            case "secret" -> "secret " + SECRET;
            default -> url;
        };
        int secretAt = quoted.indexOf(SECRET);
        return "invalid_payload " + "x".repeat(Math.max(0, 200 - 16 - secretAt - 5)) + quoted + " (echoed)";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
