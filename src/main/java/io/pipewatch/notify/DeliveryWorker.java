package io.pipewatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.AlertNotification;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Delivers a receiver's notifications one at a time, oldest first, from the outbox: an entry leaves
 * the outbox only when the receiver accepted it (at least once: a crash between Slack's 200 and the
 * delete repeats that one message) or refused it for good. A retryable failure holds the queue, so a
 * "resolved" never overtakes its "firing", and waits as the receiver asked ({@code Retry-After}) or by
 * backoff. Sends are spaced at least {@code minInterval} apart (Slack: one message a second per webhook).
 */
public final class DeliveryWorker {

    /** What happened to an entry, for counters and {@code /api/status}. */
    public interface Listener {
        void delivered(Outbox.Entry entry);

        void retrying(Outbox.Entry entry, String reason, Duration wait);

        void refused(Outbox.Entry entry, String reason);
    }

    private final Notifier notifier;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final RetryPolicy retry;
    private final long minIntervalNanos;
    private final Listener listener;
    private final Deque<Outbox.Entry> queue = new ArrayDeque<>();
    private final java.util.Set<Long> memoryOnly = new java.util.HashSet<>();
    private static final long RELOAD_MILLIS = 5000;
    private long nextSeq;
    private Thread thread;

    public DeliveryWorker(Notifier notifier, Outbox outbox, ObjectMapper json, RetryPolicy retry, Duration minInterval,
            Listener listener) {
        this.notifier = notifier;
        this.outbox = outbox;
        this.json = json;
        this.retry = retry;
        this.minIntervalNanos = minInterval.toNanos();
        this.listener = listener;
    }

    /**
     * Delivers on a thread of its own, first taking up what a previous run left in the outbox (again
     * every few seconds until the store answers; meanwhile new notifications are delivered).
     */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "pipewatch-deliver-" + notifier.name());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Records the notification in the outbox before anything is sent.
     *
     * @param key idempotency key: a second notification with the same key is dropped
     */
    public void enqueue(AlertNotification notification, String key) throws JsonProcessingException {
        String payload = json.writeValueAsString(notification);
        synchronized (this) {
            // Time-based, so entries of a later run sort after those a previous run left.
            nextSeq = Math.max(nextSeq + 1, System.currentTimeMillis() * 1000);
            var entry = new Outbox.Entry(notifier.name(), nextSeq, key, payload, 0);
            boolean fresh;
            try {
                fresh = outbox.add(entry);
            } catch (RuntimeException storeDown) {
                // Better sent without a durable copy than not at all; it is lost only if we also restart now.
                Log.errorf("Outbox unavailable (%s); delivering %s from memory only", storeDown.getMessage(), key);
                memoryOnly.add(entry.seq());
                fresh = true;
            }
            if (fresh) {
                queue.addLast(entry);
                notifyAll();
            }
        }
    }

    public synchronized int backlog() {
        return queue.size();
    }

    public synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long lastSend = 0;
        boolean loaded = false;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!loaded) {
                    loaded = takeUpPending();
                }
                Outbox.Entry entry = next(loaded ? 0 : RELOAD_MILLIS);
                if (entry == null) {
                    continue;
                }
                long wait = lastSend + minIntervalNanos - System.nanoTime();
                if (lastSend != 0 && wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                lastSend = System.nanoTime();
                Optional<Duration> backoff = attempt(entry);
                if (backoff.isPresent()) {
                    TimeUnit.MILLISECONDS.sleep(backoff.get().toMillis());
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** The head of the queue, waiting for one at most {@code millis} (0: as long as it takes); null when none came. */
    private synchronized Outbox.Entry next(long millis) throws InterruptedException {
        if (queue.isEmpty()) {
            wait(millis);
        }
        return queue.peekFirst();
    }

    /** Puts what the outbox holds from before this run ahead of newer entries; false when the store did not answer. */
    private boolean takeUpPending() {
        List<Outbox.Entry> left;
        try {
            left = outbox.pending(notifier.name());
        } catch (RuntimeException storeDown) {
            Log.warnf("Cannot read the outbox (%s); trying again in %d s", storeDown.getMessage(), RELOAD_MILLIS / 1000);
            return false;
        }
        synchronized (this) {
            java.util.Set<Long> known = new java.util.HashSet<>();
            queue.forEach(e -> known.add(e.seq()));
            List<Outbox.Entry> all = new ArrayList<>(queue);
            left.stream().filter(e -> !known.contains(e.seq())).forEach(all::add);
            all.sort(java.util.Comparator.comparingLong(Outbox.Entry::seq));
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
        AlertNotification notification;
        try {
            notification = json.readValue(entry.payload(), AlertNotification.class);
        } catch (JsonProcessingException e) {
            return settle(entry, () -> outbox.refused(entry, "unreadable payload: " + e.getOriginalMessage()),
                    () -> listener.refused(entry, "unreadable payload"));
        }
        try {
            notifier.deliver(notification);
            return settle(entry, () -> outbox.delivered(entry), () -> listener.delivered(entry));
        } catch (DeliveryException e) {
            if (!e.retryable()) {
                Log.errorf("Notification for '%s' refused by %s, not retried: %s", notification.alert().alarm(), notifier.name(),
                        e.getMessage());
                return settle(entry, () -> outbox.refused(entry, e.getMessage()), () -> listener.refused(entry, e.getMessage()));
            }
            int attempts = entry.attempts() + 1;
            Duration wait = retry.delay(attempts, e.retryAfter());
            replaceHead(new Outbox.Entry(entry.receiver(), entry.seq(), entry.key(), entry.payload(), attempts));
            try {
                if (!isMemoryOnly(entry)) {
                    outbox.attempted(entry, attempts);
                }
            } catch (RuntimeException storeDown) {
                Log.warnf("Cannot record attempt %d in the outbox: %s", attempts, storeDown.getMessage());
            }
            Log.warnf("Notification for '%s' not delivered (attempt %d), retrying in %d ms: %s", notification.alert().alarm(),
                    attempts, wait.toMillis(), e.getMessage());
            listener.retrying(entry, e.getMessage(), wait);
            return Optional.of(wait);
        }
    }

    /** Removes the head once its fate is recorded; if the store is down, keeps it and tries again shortly. */
    private Optional<Duration> settle(Outbox.Entry entry, Runnable record, Runnable tell) {
        try {
            if (!isMemoryOnly(entry)) {
                record.run();
            }
        } catch (RuntimeException storeDown) {
            Log.warnf("Cannot update the outbox (%s); will repeat that notification", storeDown.getMessage());
            return Optional.of(RetryPolicy.FIRST);
        }
        synchronized (this) {
            queue.pollFirst();
            memoryOnly.remove(entry.seq());
        }
        tell.run();
        return Optional.empty();
    }

    private synchronized boolean isMemoryOnly(Outbox.Entry entry) {
        return memoryOnly.contains(entry.seq());
    }

    private synchronized void replaceHead(Outbox.Entry entry) {
        queue.pollFirst();
        queue.addFirst(entry);
    }
}
