package io.pipewatch.notify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.slack.SlackNotifier;
import io.pipewatch.notify.slack.WebhookUrl;
import io.pipewatch.rule.Severity;
import io.pipewatch.store.DynamoDbOutbox;
import io.pipewatch.store.StateTable;
import io.pipewatch.testing.LocalDynamoDb;
import io.pipewatch.testing.TestAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The durable outbox and the delivery worker, with DynamoDB Local as the store and a real local HTTP
 * server answering as Slack does: 200, 429 with Retry-After, 5xx, and its permanent error bodies.
 */
class OutboxDeliveryIT {

    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final ScriptedSlack slack = new ScriptedSlack();
    private Outbox outbox;
    private String table;
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private final Events events = new Events();

    @BeforeEach
    void newOutbox() throws Exception {
        table = STORE.newTable("outbox");
        outbox = dynamoDbOutbox(table, java.time.Clock.systemUTC());
        slack.start();
    }

    private String stateTable;

    private DynamoDbOutbox dynamoDbOutbox(String table, java.time.Clock clock) {
        return new DynamoDbOutbox(STORE::client, table, state(clock), clock);
    }

    private StateTable state(java.time.Clock clock) {
        if (stateTable == null) {
            stateTable = STORE.newTable("state");
        }
        return new StateTable(STORE::client, stateTable, clock);
    }

    @AfterEach
    void stop() {
        workers.forEach(DeliveryWorker::stop);
        slack.close();
    }

    @Test
    void a429IsRetriedAfterTheTimeSlackAskedFor() throws Exception {
        slack.script(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("rate_limited").build());
        var worker = worker();
        worker.enqueue(notification("Lag high"), "k1", null);
        await(() -> slack.received().size() == 2);
        var first = slack.received().get(0);
        var retry = slack.received().get(1);
        assertTrue(retry.atNanos() - first.atNanos() >= TimeUnit.SECONDS.toNanos(1),
                "retried " + (retry.atNanos() - first.atNanos()) / 1e6 + " ms after the 429, Retry-After said 1 s");
        await(() -> events.delivered.size() == 1);
        assertEquals(List.of("rate_limited"), events.retryReasons());
        assertEquals(List.of(), outbox.pending("slack"), "delivered entries leave the outbox");
    }

    @Test
    void aSendStartsTheMinimumIntervalAfterThePreviousAnswerNotItsStart() throws Exception {
        slack.script(new MockResponse.Builder().code(200).body("ok").headersDelay(400, TimeUnit.MILLISECONDS).build());
        var notifier = new SlackNotifier("slack", WebhookUrl.parse(slack.url()), Duration.ofSeconds(2), json);
        var worker = new DeliveryWorker(notifier, outbox, json, new RetryPolicy(() -> 0.0), Duration.ofMillis(300), events);
        worker.start();
        workers.add(worker);
        worker.enqueue(notification("Slow answer"), "k1", null);
        worker.enqueue(notification("Next"), "k2", null);
        await(() -> events.delivered.size() == 2);
        long gap = slack.received().get(1).atNanos() - slack.received().get(0).atNanos();
        assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(400 + 300), "the second POST came " + gap / 1e6
                + " ms after the first, whose answer took 400 ms: Slack would see two messages within the interval");
    }

    @Test
    void outagesHoldTheQueueSoNothingOvertakesAndNothingIsLost() throws Exception {
        slack.script(response(500, "internal_error"), response(503, ""));
        var worker = worker();
        worker.enqueue(notification("First"), "k1", null);
        worker.enqueue(notification("Second"), "k2", null);
        await(() -> events.delivered.size() == 2);
        assertEquals(List.of("First", "First", "First", "Second"), slack.alarms(),
                "the head is retried until accepted; the second waits its turn");
        assertEquals(2, events.retries.size());
    }

    @Test
    void aPermanentRefusalIsNotRetriedAndDoesNotBlockTheRest() throws Exception {
        slack.script(response(404, "channel_not_found"));
        var worker = worker();
        worker.enqueue(notification("Refused"), "k1", null);
        worker.enqueue(notification("Next"), "k2", null);
        await(() -> events.delivered.size() == 1);
        assertEquals(List.of("Refused", "Next"), slack.alarms());
        assertEquals(1, events.refused.size());
        assertTrue(events.refused.get(0).contains("channel_not_found"), events.refused.toString());
        assertEquals(List.of(), outbox.pending("slack"), "the refused one is kept aside, not pending");
        await(() -> outbox.refusals("slack").size() == 1);
        assertTrue(outbox.refusals("slack").get(0).reason().contains("channel_not_found"));
        var aWeekLater = dynamoDbOutbox(table, new io.pipewatch.testing.ManualClock(
                java.time.Instant.now().plus(Duration.ofDays(8))));
        assertEquals(List.of(), aWeekLater.refusals("slack"), "a refusal is shown for a week, then forgotten");
    }

    @Test
    void aRestartDeliversWhatThePreviousRunLeftInOrder() throws Exception {
        slack.down();
        var before = worker();
        for (String name : List.of("One", "Two", "Three")) {
            before.enqueue(notification(name), name, null);
        }
        await(() -> slack.received().size() >= 2);
        before.stop();
        assertEquals(3, outbox.pending("slack").size(), "all three survive the first run");

        slack.up();
        slack.clear();
        var after = worker();
        after.enqueue(notification("Four"), "Four", null);
        await(() -> events.delivered.size() == 4);
        assertEquals(List.of("One", "Two", "Three", "Four"), slack.alarms(), "in order, each once");
        assertEquals(List.of(), outbox.pending("slack"));
    }

    @Test
    void theSameKeyIsEnqueuedOnce() throws Exception {
        var worker = worker();
        worker.enqueue(notification("Once"), "same", null);
        worker.enqueue(notification("Once"), "same", null);
        worker.enqueue(notification("Other"), "other", null);
        await(() -> events.delivered.size() == 2);
        TimeUnit.MILLISECONDS.sleep(200);
        assertEquals(List.of("Once", "Other"), slack.alarms());
    }

    @Test
    void backoffDoublesWithJitterUpToACapAndRetryAfterWins() {
        var low = new RetryPolicy(() -> 0.0);
        var high = new RetryPolicy(() -> 1.0);
        assertEquals(Duration.ofMillis(500), low.delay(1, Optional.empty()));
        assertEquals(Duration.ofSeconds(1), high.delay(1, Optional.empty()));
        assertEquals(Duration.ofSeconds(8), high.delay(4, Optional.empty()));
        assertEquals(Duration.ofMinutes(5), high.delay(30, Optional.empty()), "capped");
        assertEquals(Duration.ofSeconds(30), low.delay(7, Optional.of(Duration.ofSeconds(30))));
        assertEquals(Duration.ofMinutes(5), low.delay(1, Optional.of(Duration.ofDays(11))), "a long Retry-After is asked again");
    }

    @Test
    void aStoreThatFailsAfterSlackAcceptedDoesNotResendTheMessage() throws Exception {
        int[] failures = {3};
        outbox = new DynamoDbOutbox(STORE::client, STORE.newTable("outbox"), state(java.time.Clock.systemUTC()),
                java.time.Clock.systemUTC()) {
            @Override
            public void delivered(Entry entry) {
                if (failures[0]-- > 0) {
                    throw new IllegalStateException("DynamoDB unavailable");
                }
                super.delivered(entry);
            }
        };
        var worker = worker();
        worker.enqueue(notification("Once only"), "k1", null);
        worker.enqueue(notification("Next"), "k2", null);
        await(() -> events.delivered.size() == 2);
        await(() -> outbox.pending("slack").isEmpty());
        assertEquals(List.of("Once only", "Next"), slack.alarms(), "the store update is retried, never the send");
    }

    @Test
    void anUnexpectedErrorInTheNotifierIsRetriedAndDeliveryGoesOn() throws Exception {
        int[] calls = {0};
        Notifier flaky = new Notifier() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void deliver(GroupNotification notification) {
                if (calls[0]++ == 0) {
                    throw new IllegalArgumentException("port out of range:70000");
                }
            }
        };
        var worker = new DeliveryWorker(flaky, outbox, json, new RetryPolicy(() -> 0.0), Duration.ofMillis(10), events);
        worker.start();
        workers.add(worker);
        worker.enqueue(notification("Survives"), "k1", null);
        await(() -> events.delivered.size() == 1);
        assertEquals(2, calls[0]);
        assertTrue(events.retries.get(0).contains("IllegalArgumentException"), events.retries.toString());
    }

    private DeliveryWorker worker() {
        var notifier = new SlackNotifier("slack", WebhookUrl.parse(slack.url()), Duration.ofSeconds(2), json);
        var worker = new DeliveryWorker(notifier, outbox, json, new RetryPolicy(() -> 0.0), Duration.ofMillis(10), events);
        worker.start();
        workers.add(worker);
        return worker;
    }

    private GroupNotification notification(String alarm) {
        Instant fired = Instant.parse("2026-11-25T03:00:00Z");
        return TestAlerts.single(new Alert(alarm.toLowerCase(), alarm, AlertState.FIRING,
                Severity.CRITICAL, "summary", "device-logs", "Maximum x > 1 for 1 of 1 × 60s", 2.0, 1, fired, fired, "reason",
                "https://pipewatch.example.com/runbooks/x", "https://pipewatch.example.com/dashboards/d", Map.of(), List.of(),
                Alert.PIPEWATCH, null, null));
    }

    private static MockResponse response(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static final class Events implements DeliveryWorker.Listener {
        final List<Outbox.Entry> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void delivered(Outbox.Entry entry) {
            delivered.add(entry);
        }

        @Override
        public void retrying(Outbox.Entry entry, String reason, Duration wait) {
            retries.add(reason);
        }

        @Override
        public void refused(Outbox.Entry entry, String reason) {
            refused.add(reason);
        }

        List<String> retryReasons() {
            return retries.stream().map(r -> r.substring(r.lastIndexOf(' ') + 1)).toList();
        }
    }

    /** Slack's webhook: answers scripted responses first, then 200 ok (or 503 while down); records each POST. */
    private final class ScriptedSlack {
        record Received(String alarm, long atNanos) {
        }

        private final MockWebServer server = new MockWebServer();
        private final ConcurrentLinkedDeque<MockResponse> script = new ConcurrentLinkedDeque<>();
        private final List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean down;

        void start() throws java.io.IOException {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    try {
                        String header = json.readTree(request.getBody().utf8()).get("blocks").get(0).get("text").get("text").asText();
                        received.add(new Received(header.substring(header.indexOf(": ") + 2), System.nanoTime()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    MockResponse next = script.poll();
                    return next != null ? next : down ? response(503, "") : response(200, "ok");
                }
            });
            server.start();
        }

        String url() {
            return server.url("/services/T000/B000/secret").toString();
        }

        void script(MockResponse... responses) {
            script.addAll(List.of(responses));
        }

        void down() {
            down = true;
        }

        void up() {
            down = false;
        }

        void clear() {
            received.clear();
        }

        List<Received> received() {
            return received;
        }

        List<String> alarms() {
            return received.stream().map(Received::alarm).toList();
        }

        void close() {
            server.close();
        }
    }
}
