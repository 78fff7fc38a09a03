package io.pipewatch.notify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertSubject;
import io.pipewatch.notify.DeliveryException;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.slack.SlackNotifier;
import io.pipewatch.notify.slack.WebhookUrl;
import io.pipewatch.rule.Severity;
import io.pipewatch.testing.ManualClock;
import io.pipewatch.testing.ManualTicker;
import io.pipewatch.testing.TestAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery worker, one pass at a time on a ticker the test moves (nothing here sleeps; only the stop test runs the
 * worker's own thread), sending through the real Slack webhook client to a local HTTP server that answers as Slack does:
 * 200, 429 with Retry-After, 5xx, and its permanent error bodies. The outbox is the in-memory one;
 * {@link OutboxContract} holds it to the DynamoDB one's behaviour. Replaces OutboxDeliveryIT, which ran the
 * same cases on a live thread and polled for them.
 */
class DeliveryWorkerTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final ScriptedSlack slack = new ScriptedSlack();
    private final ManualTicker ticker = new ManualTicker();
    private final ManualClock wall = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));
    private final Events events = new Events();
    private InMemoryOutbox outbox = new InMemoryOutbox(wall);

    @BeforeEach
    void start() throws Exception {
        slack.start();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void a429IsRetriedAfterTheTimeSlackAskedFor() throws Exception {
        slack.script(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("rate_limited").build());
        var worker = worker(Duration.ofMillis(10));
        worker.enqueue(notification("Lag high"), "k1", null);
        assertEquals(Duration.ofSeconds(2).toNanos(), passes(worker), "the next pass is when Slack said");
        assertEquals(1, slack.received().size());
        ticker.advance(Duration.ofMillis(1999));
        assertEquals(1_000_000, passes(worker), "not a moment sooner");
        assertEquals(1, slack.received().size());
        ticker.advance(Duration.ofMillis(1));
        passes(worker);
        assertEquals(List.of("Lag high", "Lag high"), slack.alarms());
        assertEquals(1, events.delivered.size());
        assertEquals(List.of("rate_limited"), events.retryReasons());
        assertEquals(List.of(), outbox.pending("slack"), "delivered entries leave the outbox");
    }

    @Test
    void eachSendIsClaimedFirstAndALeaderFencedOffSendsNothingMoreAndKeepsNothingInMemory() throws Exception {
        var worker = worker(Duration.ofMillis(10));
        worker.enqueue(notification("Before the takeover"), "k1", null);
        passes(worker);
        assertEquals(List.of("k1"), outbox.claims(), "claimed right before its send");
        assertEquals(List.of("Before the takeover"), slack.alarms());
        worker.enqueue(notification("Recorded, then fenced"), "k2", null);
        worker.step(); // recorded in the outbox; its send waits for the minimum interval
        outbox.fenceOff(); // another replica took the lease meanwhile
        worker.enqueue(notification("Never recorded"), "k3", null);
        ticker.advance(Duration.ofSeconds(1));
        passes(worker);
        assertEquals(List.of("Before the takeover"), slack.alarms(), "nothing sent after the store refused the claim");
        assertEquals(0, worker.backlog(), "nothing kept in memory to send later");
        assertEquals(List.of("k2"), outbox.pending("slack").stream().map(Outbox.Entry::key).toList(),
                "what was recorded stays in the outbox for the new leader; what was not is the new leader's to decide");
    }

    @Test
    void aSendStartsTheMinimumIntervalAfterThePreviousAnswerNotItsStart() throws Exception {
        var slow = new Notifier() {
            final Notifier slackNotifier = slackNotifier();

            @Override
            public String name() {
                return "slack";
            }

            @Override
            public void deliver(GroupNotification notification) throws DeliveryException {
                ticker.advance(Duration.ofMillis(400)); // Slack takes 400 ms to answer
                slackNotifier.deliver(notification);
            }
        };
        var worker = new DeliveryWorker(slow, outbox, json, new RetryPolicy(() -> 0.0), Duration.ofMillis(300), events,
                slow.slackNotifier.redactor(), ticker, wall);
        worker.enqueue(notification("Slow answer"), "k1", null);
        worker.enqueue(notification("Next"), "k2", null);
        assertEquals(Duration.ofMillis(300).toNanos(), passes(worker),
                "the interval counts from the answer: counted from the start, 300 ms would have passed during the 400 ms call");
        assertEquals(1, slack.received().size());
        ticker.advance(Duration.ofMillis(300));
        passes(worker);
        assertEquals(List.of("Slow answer", "Next"), slack.alarms());
    }

    @Test
    void outagesHoldTheQueueSoNothingOvertakesAndNothingIsLost() throws Exception {
        slack.script(response(500, "internal_error"), response(503, ""));
        var worker = worker(Duration.ofMillis(10));
        worker.enqueue(notification("First"), "k1", null);
        worker.enqueue(notification("Second"), "k2", null);
        long first = passes(worker);
        assertEquals(Duration.ofMillis(500).toNanos(), first, "backoff from 1 s with the least jitter");
        ticker.advanceNanos(first);
        long second = passes(worker);
        assertEquals(Duration.ofSeconds(1).toNanos(), second, "then doubled");
        ticker.advanceNanos(second);
        passes(worker);
        ticker.advance(Duration.ofMillis(10));
        passes(worker);
        assertEquals(List.of("First", "First", "First", "Second"), slack.alarms(),
                "the head is retried until accepted; the second waits its turn");
        assertEquals(2, events.retries.size());
        assertEquals(2, events.delivered.size());
    }

    @Test
    void aPermanentRefusalIsNotRetriedAndDoesNotBlockTheRest() throws Exception {
        slack.script(response(404, "channel_not_found"));
        var worker = worker(Duration.ZERO);
        worker.enqueue(notification("Refused"), "k1", null);
        worker.enqueue(notification("Next"), "k2", null);
        passes(worker);
        assertEquals(List.of("Refused", "Next"), slack.alarms());
        assertEquals(1, events.delivered.size());
        assertEquals(1, events.refused.size());
        assertTrue(events.refused.get(0).contains("channel_not_found"), events.refused.toString());
        assertEquals(List.of(), outbox.pending("slack"), "the refused one is kept aside, not pending");
        assertEquals(1, outbox.refusals("slack").size());
        assertTrue(outbox.refusals("slack").get(0).reason().contains("channel_not_found"));
        assertTrue(!outbox.refusals("slack").get(0).reason().contains("/services/"), "the webhook's secret path is redacted");
    }

    @Test
    void aRestartDeliversWhatThePreviousRunLeftInOrder() throws Exception {
        slack.down();
        var before = worker(Duration.ofMillis(10));
        for (String name : List.of("One", "Two", "Three")) {
            before.enqueue(notification(name), name, null);
        }
        passes(before);
        assertEquals(List.of("One"), slack.alarms(), "the head is retried; the rest wait");
        assertEquals(3, outbox.pending("slack").size(), "all three are in the outbox before the receiver takes one");

        slack.up();
        slack.clear();
        wall.advance(Duration.ofSeconds(5));
        var after = worker(Duration.ofMillis(10));
        after.enqueue(notification("Four"), "Four", null);
        for (int i = 0; i < 4; i++) {
            passes(after);
            ticker.advance(Duration.ofMillis(10));
        }
        assertEquals(List.of("One", "Two", "Three", "Four"), slack.alarms(), "in order, each once");
        assertEquals(List.of(), outbox.pending("slack"));
    }

    @Test
    void aNewEntryIsNumberedAfterTheLeftoversEvenWhenTheWallClockWentBack() throws Exception {
        slack.down();
        var before = worker(Duration.ofMillis(10));
        before.enqueue(notification("Before"), "before", null);
        passes(before);
        wall.advance(Duration.ofSeconds(-5)); // the host's clock was set back across the restart
        var after = worker(Duration.ofMillis(10));
        after.enqueue(notification("After"), "after", null);
        passes(after);
        assertEquals(List.of("before", "after"), outbox.pending("slack").stream().map(Outbox.Entry::key).toList(),
                "a third run would read them in this order too");
        slack.up();
        for (int i = 0; i < 3; i++) {
            ticker.advance(Duration.ofSeconds(1));
            passes(after);
        }
        assertEquals(List.of("Before", "Before", "Before", "After"), slack.alarms(), "the leftover first (refused once by each run), then the new one");
        assertEquals(List.of(), outbox.pending("slack"), "none overwritten, none left");
    }

    @Test
    void sendsWaitForLeftoversWhileTheStoreCannotBeReadButNotForever() throws Exception {
        int[] reads = {0};
        outbox = new InMemoryOutbox(wall) {
            @Override
            public synchronized List<Entry> pending(String receiver) {
                reads[0]++;
                throw new IllegalStateException("DynamoDB unavailable");
            }
        };
        var worker = worker(Duration.ZERO);
        worker.enqueue(notification("Waits"), "k1", null);
        assertEquals(DeliveryWorker.IDLE.toNanos(), passes(worker), "the leftovers are asked for again in a second");
        ticker.advance(DeliveryWorker.LEFTOVER_WAIT.minusSeconds(1));
        passes(worker);
        assertEquals(List.of(), slack.alarms(), "a leftover may still come: nothing overtakes it yet");
        ticker.advance(Duration.ofSeconds(1));
        passes(worker);
        assertEquals(List.of("Waits"), slack.alarms(), "after the wait, new notifications go out without the store");
        assertTrue(reads[0] >= 3, "the store was asked each pass: " + reads[0]);
    }

    @Test
    void aHandOverDuringABackoffIsRecordedAtOnce() throws Exception {
        slack.down();
        var worker = worker(Duration.ZERO);
        worker.enqueue(notification("Stuck"), "k1", null);
        long backoff = passes(worker);
        ticker.advance(Duration.ofMillis(100));
        worker.enqueue(notification("Later"), "k2", null);
        assertEquals(backoff - Duration.ofMillis(100).toNanos(), passes(worker), "the same backoff, less the time since");
        assertEquals(2, outbox.pending("slack").size(), "recorded while the head waits, not when Slack is back");
        assertEquals(1, slack.received().size());
    }

    @Test
    void theSameKeyIsEnqueuedOnce() throws Exception {
        var worker = worker(Duration.ZERO);
        worker.enqueue(notification("Once"), "same", null);
        worker.enqueue(notification("Once"), "same", null);
        worker.enqueue(notification("Other"), "other", null);
        passes(worker);
        assertEquals(List.of("Once", "Other"), slack.alarms());
        assertEquals(0, worker.backlog());
    }

    @Test
    void theLogRecordGoesInWithTheMessage() throws Exception {
        var worker = worker(Duration.ZERO);
        worker.enqueue(notification("Logged"), "k1", new Outbox.LogRecord("team=ingest", "{\"seq\":1}", null));
        worker.enqueue(notification("Logged"), "k1", new Outbox.LogRecord("team=ingest", "{\"seq\":2}", null));
        passes(worker);
        assertEquals(Map.of("team=ingest", "{\"seq\":1}"), outbox.notificationLog(), "a repeat writes no log either");
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
        outbox = new InMemoryOutbox(wall) {
            @Override
            public synchronized void delivered(Entry entry) {
                if (failures[0]-- > 0) {
                    throw new IllegalStateException("DynamoDB unavailable");
                }
                super.delivered(entry);
            }
        };
        var worker = worker(Duration.ZERO);
        worker.enqueue(notification("Once only"), "k1", null);
        worker.enqueue(notification("Next"), "k2", null);
        for (int i = 0; i < 5; i++) {
            passes(worker);
        }
        assertEquals(List.of("Once only", "Next"), slack.alarms(), "the store update is retried, never the send");
        assertEquals(List.of(), outbox.pending("slack"), "and it did reach the store in the end");
    }

    @Test
    void anUnexpectedErrorInTheNotifierIsRetriedAndDeliveryGoesOn() throws Exception {
        int[] calls = {0};
        var worker = worker(notifier("flaky", notification -> {
            if (calls[0]++ == 0) {
                throw new IllegalArgumentException("port out of range:70000");
            }
        }), Duration.ZERO);
        worker.enqueue(notification("Survives"), "k1", null);
        ticker.advanceNanos(passes(worker));
        passes(worker);
        assertEquals(2, calls[0]);
        assertEquals(1, events.delivered.size());
        assertTrue(events.retries.get(0).contains("IllegalArgumentException"), events.retries.toString());
    }

    @Test
    void aStopLetsTheSendUnderWayFinishAndRecordsItSoARestartNeitherLosesNorRepeatsIt() throws Exception {
        var sending = new java.util.concurrent.CountDownLatch(1);
        var answer = new java.util.concurrent.CountDownLatch(1);
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        var worker = worker(notifier("slow", notification -> {
            sending.countDown();
            try {
                answer.await(); // Slack has the message and has not answered yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the send was cut off");
            }
            sent.add(notification.groupLabels().toString());
        }), Duration.ZERO);
        worker.enqueue(notification("Under way at the stop"), "k1", null);
        worker.start();
        assertTrue(sending.await(30, java.util.concurrent.TimeUnit.SECONDS), "the worker's thread sends");

        Thread stopping = new Thread(worker::stop, "stop");
        stopping.start();
        // stop() has been called, and either waits for the send (TIMED_WAITING in join) or returned at once.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> stopping.getState() == Thread.State.TIMED_WAITING || stopping.getState() == Thread.State.TERMINATED);
        answer.countDown();
        stopping.join(30_000);

        assertEquals(1, sent.size(), "the send under way was not cut off");
        assertEquals(1, events.delivered.size(), "and its outcome was recorded");
        assertEquals(List.of(), outbox.pending("slow"), "nothing left for the next run to send again");
    }

    /** Passes until the worker has nothing to do now; the wait it asks for then. */
    /** Stands in for the Slack app: one message per conversation, numbered by the posts it made. */
    private static final class EditingStub implements io.pipewatch.notify.EditingNotifier {
        final List<java.util.Optional<io.pipewatch.notify.PostedMessage>> handed = new java.util.ArrayList<>();
        int posts;

        @Override
        public String name() {
            return "slack";
        }

        @Override
        public io.pipewatch.notify.PostedMessage deliver(GroupNotification n,
                java.util.Optional<io.pipewatch.notify.PostedMessage> earlier) {
            handed.add(earlier);
            String ts = earlier.map(io.pipewatch.notify.PostedMessage::ts).orElseGet(() -> "ts-" + ++posts);
            return new io.pipewatch.notify.PostedMessage("C1", ts, null, n.firingCount() > 0, java.util.Set.of());
        }
    }

    @Test
    void anEditingReceiverIsHandedItsMessageAndWhatItReturnsIsRecordedWithTheDeliveryAcrossARestart() throws Exception {
        var app = new EditingStub();
        var worker = new DeliveryWorker(app, outbox, json, new RetryPolicy(() -> 0.0), Duration.ZERO, events,
                io.pipewatch.notify.Redactor.NONE, ticker, wall);
        worker.enqueue(notification("Lag high"), "k1", null);
        worker.enqueue(notification("Lag high"), "k2", null);
        passes(worker);
        ticker.advance(Duration.ofSeconds(1));
        passes(worker);
        assertEquals(java.util.Optional.empty(), app.handed.get(0), "nothing posted yet");
        assertEquals("ts-1", app.handed.get(1).orElseThrow().ts(), "the second is an edit of the first");
        assertTrue(outbox.conversation("slack", "default{}").orElseThrow().contains("\"ts\":\"ts-1\""));
        assertEquals(List.of(), outbox.pending("slack"));

        var afterRestart = new EditingStub();
        var again = new DeliveryWorker(afterRestart, outbox, json, new RetryPolicy(() -> 0.0), Duration.ZERO, events,
                io.pipewatch.notify.Redactor.NONE, ticker, wall);
        again.enqueue(notification("Lag high"), "k3", null);
        passes(again);
        assertEquals("ts-1", afterRestart.handed.get(0).orElseThrow().ts(), "read from the store, not posted anew");
        assertEquals(0, afterRestart.posts);
    }

    @Test
    void whenTheStoreCannotSayWhetherAMessageWasPostedNothingIsPostedAndTheDeliveryWaits() throws Exception {
        outbox = new InMemoryOutbox(wall) {
            @Override
            public synchronized java.util.Optional<String> conversation(String receiver, String key) {
                throw new IllegalStateException("store down");
            }
        };
        var app = new EditingStub();
        var worker = new DeliveryWorker(app, outbox, json, new RetryPolicy(() -> 0.0), Duration.ZERO, events,
                io.pipewatch.notify.Redactor.NONE, ticker, wall);
        worker.enqueue(notification("Lag high"), "k1", null);
        passes(worker);
        assertEquals(List.of(), app.handed, "not handed over: it would post a second message");
        assertEquals(1, events.retries.size());
        assertTrue(events.retries.get(0).contains("cannot read which message this conversation has"), events.retries.toString());
        assertEquals(1, outbox.pending("slack").size());
    }

    private static long passes(DeliveryWorker worker) {
        for (int i = 0; i < 100; i++) {
            long wait = worker.step();
            if (wait > 0) {
                return wait;
            }
        }
        throw new AssertionError("the worker never rests: it would spin");
    }

    private SlackNotifier slackNotifier() {
        return new SlackNotifier("slack", WebhookUrl.parse(slack.url()), Duration.ofSeconds(2), json);
    }

    private DeliveryWorker worker(Duration minInterval) {
        return worker(slackNotifier(), minInterval);
    }

    private DeliveryWorker worker(Notifier notifier, Duration minInterval) {
        return new DeliveryWorker(notifier, outbox, json, new RetryPolicy(() -> 0.0), minInterval, events,
                notifier.redactor(), ticker, wall);
    }

    /** A receiver that hands each notification to {@code deliver}. */
    private static Notifier notifier(String name, java.util.function.Consumer<GroupNotification> deliver) {
        return new Notifier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void deliver(GroupNotification notification) {
                deliver.accept(notification);
            }
        };
    }

    private GroupNotification notification(String alarm) {
        Instant fired = Instant.parse("2026-11-25T03:00:00Z");
        Alert a = TestAlerts.alert(alarm.toLowerCase(), AlertState.FIRING, Severity.CRITICAL, fired, Map.of());
        var s = a.subject();
        return TestAlerts.single(new Alert(new AlertSubject(s.id(), alarm, s.severity(), "summary", "device-logs",
                s.condition(), s.threshold(), s.unit(), "https://pipewatch.example.com/runbooks/x", s.dashboard(), s.labels(),
                s.source(), s.metrics()), a.status(), a.transitions(), a.ack()));
    }

    private static MockResponse response(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
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
        private final MockWebServer server = new MockWebServer();
        private final ConcurrentLinkedDeque<MockResponse> script = new ConcurrentLinkedDeque<>();
        private final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean down;

        void start() throws java.io.IOException {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    try {
                        String header = json.readTree(request.getBody().utf8()).get("blocks").get(0).get("text").get("text").asText();
                        received.add(header.substring(header.indexOf(": ") + 2));
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

        List<String> received() {
            return received;
        }

        List<String> alarms() {
            return List.copyOf(received);
        }

        void close() {
            server.close();
        }
    }
}
