package io.pipewatch.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.Pacer;
import io.pipewatch.config.Ticker;
import io.pipewatch.notify.DeliveryException;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.Redactor;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Delivers a receiver's notifications one at a time, oldest first, through the outbox, on a thread of
 * its own: the caller (alarm evaluation) only hands a notification over, and never waits for the
 * store or the receiver. The worker records each in the outbox before its first attempt and removes
 * it when the receiver accepted it (at least once: a crash between Slack's 200 and the delete repeats
 * that one message) or refused it for good. A retryable failure holds the queue, so a "resolved" never
 * overtakes its "firing", and waits as the receiver asked ({@code Retry-After}) or by backoff. A send
 * starts at least {@code minInterval} after the previous one ended (Slack: one message a second per webhook).
 */
public final class DeliveryWorker {

    /** What happened to an entry, for counters and {@code /api/status}. */
    public interface Listener {
        void delivered(Outbox.Entry entry);

        void retrying(Outbox.Entry entry, String reason, Duration wait);

        void refused(Outbox.Entry entry, String reason);
    }

    /** A failure's text as logged, stored with a refusal and shown on the pages: redacted first, then cut to this. */
    static final int FAILURE_TEXT_LIMIT = 500;
    /** How long sends wait for the previous run's leftovers when the store does not answer at start. */
    static final Duration LEFTOVER_WAIT = Duration.ofSeconds(30);
    private static final long IDLE_MILLIS = 1000;

    private final Notifier notifier;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final RetryPolicy retry;
    /** Slack takes about one message a second per webhook; paced from each answer. */
    private final Pacer pacer;
    private final Listener listener;
    private final Redactor redactor;
    /** Handed over, not yet in the outbox, each with the write that goes in with it. */
    private final Deque<Handed> inbox = new ArrayDeque<>();
    /** In the outbox (or memory-only), in delivery order. */
    private final Deque<Outbox.Entry> queue = new ArrayDeque<>();
    private final Set<Long> memoryOnly = new HashSet<>();
    /** Outbox updates that failed after their outcome was settled; retried, never the send. */
    private final Deque<Runnable> storeWrites = new ArrayDeque<>();
    private long nextSeq;
    private Thread thread;

    public DeliveryWorker(Notifier notifier, Outbox outbox, ObjectMapper json, RetryPolicy retry, Duration minInterval,
            Listener listener) {
        this(notifier, outbox, json, retry, minInterval, listener, notifier.redactor());
    }

    /** @param redactor the secrets to keep out of failure texts: every receiver's, not only this one's */
    public DeliveryWorker(Notifier notifier, Outbox outbox, ObjectMapper json, RetryPolicy retry, Duration minInterval,
            Listener listener, Redactor redactor) {
        this.redactor = redactor;
        this.notifier = notifier;
        this.outbox = outbox;
        this.json = json;
        this.retry = retry;
        this.pacer = new Pacer(minInterval, Ticker.SYSTEM);
        this.listener = listener;
    }

    /** Starts delivering, first what a previous run left in the outbox. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "pipewatch-deliver-" + notifier.name());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> Log.errorf(e, "Delivery to %s stopped", notifier.name()));
        thread.start();
    }

    private record Handed(Outbox.Entry entry, Outbox.LogRecord log) {
    }

    /**
     * Hands a notification over; it is recorded and sent by the worker.
     *
     * @param key idempotency key: a second notification with the same key is dropped
     * @param log the group's log record, recorded with the notification or not at all (null for none)
     */
    public void enqueue(GroupNotification notification, String key, Outbox.LogRecord log) throws JsonProcessingException {
        String payload = json.writeValueAsString(notification);
        synchronized (this) {
            // Time-based, so entries of a later run sort after those a previous run left.
            nextSeq = Math.max(nextSeq + 1, System.currentTimeMillis() * 1000);
            inbox.addLast(new Handed(new Outbox.Entry(notifier.name(), nextSeq, key, payload, 0), log));
            notifyAll();
        }
    }

    /** Notifications not yet accepted or refused. */
    public synchronized int backlog() {
        return inbox.size() + queue.size();
    }

    /** Of those, the ones handed over but not yet in the outbox (only while the store is slow or down). */
    public synchronized int unrecorded() {
        return inbox.size() + memoryOnly.size();
    }

    public synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        boolean loaded = false;
        long leftoverDeadline = System.nanoTime() + LEFTOVER_WAIT.toNanos();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!loaded) {
                    loaded = takeUpPending();
                }
                record();
                retryStoreWrites();
                // Leftovers go first: hold sends while they may still come, up to a bound.
                boolean maySend = loaded || System.nanoTime() > leftoverDeadline;
                Outbox.Entry entry = maySend ? head() : null;
                if (entry == null) {
                    idle();
                    continue;
                }
                pause(pacer.nanosUntilTurn());
                Optional<Duration> backoff = attempt(entry);
                pacer.called();
                if (backoff.isPresent()) {
                    pause(backoff.get().toNanos());
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves handed-over notifications into the outbox, in order; without a store, into memory only. */
    private void record() {
        while (true) {
            Handed handed;
            synchronized (this) {
                handed = inbox.peekFirst();
            }
            if (handed == null) {
                return;
            }
            Outbox.Entry entry = handed.entry();
            boolean keep;
            boolean durable = true;
            try {
                keep = outbox.add(entry, handed.log());
                if (!keep) {
                    Log.infof("Dropped a repeated notification %s (already in the outbox)", entry.key());
                }
            } catch (RuntimeException storeDown) {
                // Better sent without a durable copy than not at all; lost only if we also restart before it is sent.
                Log.errorf("Outbox unavailable (%s); delivering %s from memory only", storeDown.getMessage(), entry.key());
                keep = true;
                durable = false;
            }
            synchronized (this) {
                inbox.pollFirst();
                if (keep) {
                    queue.addLast(entry);
                    if (!durable) {
                        memoryOnly.add(entry.seq());
                    }
                }
            }
        }
    }

    /**
     * Waits before the next send, recording what is handed over meanwhile: a backoff may last minutes,
     * and a notification must reach the outbox within moments, not when the receiver is back.
     */
    private void pause(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            record();
            synchronized (this) {
                if (inbox.isEmpty()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        }
        record();
    }

    private synchronized Outbox.Entry head() {
        return queue.peekFirst();
    }

    private synchronized void idle() throws InterruptedException {
        if (inbox.isEmpty()) {
            wait(IDLE_MILLIS);
        }
    }

    /** Puts what the outbox holds from before this run ahead of newer entries; false when the store did not answer. */
    private boolean takeUpPending() {
        List<Outbox.Entry> left;
        try {
            left = outbox.pending(notifier.name());
        } catch (RuntimeException storeDown) {
            Log.warnf("Cannot read the outbox (%s); trying again", storeDown.getMessage());
            return false;
        }
        synchronized (this) {
            Set<Long> known = new HashSet<>();
            queue.forEach(e -> known.add(e.seq()));
            List<Outbox.Entry> all = new ArrayList<>(queue);
            left.stream().filter(e -> !known.contains(e.seq())).forEach(all::add);
            all.sort(Comparator.comparingLong(Outbox.Entry::seq));
            queue.clear();
            queue.addAll(all);
        }
        if (!left.isEmpty()) {
            Log.infof("%d notification(s) for %s left from before the restart; delivering them first", left.size(), notifier.name());
        }
        return true;
    }

    /** One attempt at the head of the queue; returns how long to wait before trying it again, if it stays. */
    private Optional<Duration> attempt(Outbox.Entry entry) {
        GroupNotification notification;
        try {
            notification = json.readValue(entry.payload(), GroupNotification.class);
        } catch (JsonProcessingException e) {
            settle(entry, () -> outbox.refused(entry, "unreadable payload: " + e.getOriginalMessage()));
            listener.refused(entry, "unreadable payload");
            return Optional.empty();
        }
        DeliveryException failure;
        try {
            notifier.deliver(notification);
            settle(entry, () -> outbox.delivered(entry));
            listener.delivered(entry);
            return Optional.empty();
        } catch (DeliveryException e) {
            failure = e;
        } catch (RuntimeException e) {
            // A bug or a client problem must not stop delivery for good: retried like an outage.
            failure = new DeliveryException(notifier.name() + " failed unexpectedly: " + e.getClass().getSimpleName(), true);
        }
        // However the notifier wrote it: redacted, then cut, before the log, the outbox and the pages see it.
        String reason = redactor.redactAndCut(failure.getMessage(), FAILURE_TEXT_LIMIT);
        if (!failure.retryable()) {
            Log.errorf("Notification for '%s' refused by %s, not retried: %s", notification.title(), notifier.name(), reason);
            settle(entry, () -> outbox.refused(entry, reason));
            listener.refused(entry, reason);
            return Optional.empty();
        }
        int attempts = entry.attempts() + 1;
        Duration wait = retry.delay(attempts, failure.retryAfter());
        replaceHead(new Outbox.Entry(entry.receiver(), entry.seq(), entry.key(), entry.payload(), attempts));
        if (!isMemoryOnly(entry)) {
            try {
                outbox.attempted(entry, attempts);
            } catch (RuntimeException storeDown) {
                Log.warnf("Cannot record attempt %d in the outbox: %s", attempts, storeDown.getMessage());
            }
        }
        Log.warnf("Notification for '%s' not delivered (attempt %d), retrying in %d ms: %s", notification.title(),
                attempts, wait.toMillis(), reason);
        listener.retrying(entry, reason, wait);
        return Optional.of(wait);
    }

    /** The head's outcome is final: it leaves the queue now; its outbox update is retried if the store fails, never the send. */
    private void settle(Outbox.Entry entry, Runnable update) {
        boolean memory;
        synchronized (this) {
            queue.pollFirst();
            memory = memoryOnly.remove(entry.seq());
        }
        try {
            update.run();
        } catch (RuntimeException storeDown) {
            if (!memory) {
                Log.warnf("Cannot update the outbox (%s); will retry the update, not the message", storeDown.getMessage());
                synchronized (this) {
                    storeWrites.addLast(update);
                }
            }
        }
    }

    private void retryStoreWrites() {
        while (true) {
            Runnable update;
            synchronized (this) {
                update = storeWrites.peekFirst();
            }
            if (update == null) {
                return;
            }
            try {
                update.run();
            } catch (RuntimeException stillDown) {
                return;
            }
            synchronized (this) {
                storeWrites.pollFirst();
            }
        }
    }

    private synchronized boolean isMemoryOnly(Outbox.Entry entry) {
        return memoryOnly.contains(entry.seq());
    }

    private synchronized void replaceHead(Outbox.Entry entry) {
        queue.pollFirst();
        queue.addFirst(entry);
    }
}
