package io.pipewatch.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.Pacer;
import io.pipewatch.config.ShutdownOrder;
import io.pipewatch.config.Ticker;
import io.pipewatch.notify.DeliveryException;
import io.pipewatch.notify.EditingNotifier;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.PostedMessage;
import io.pipewatch.notify.Redactor;
import io.quarkus.logging.Log;
import java.time.Clock;
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
 * An {@link EditingNotifier} is handed the message it keeps for the notification's group, and the message it returns
 * is recorded in the transaction that removes the entry.
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
    /** How long an idle worker waits before it looks again; a hand-over wakes it at once. */
    static final Duration IDLE = Duration.ofSeconds(1);

    private final Notifier notifier;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final RetryPolicy retry;
    /** Slack takes about one message a second per webhook; paced from each answer. */
    private final Pacer pacer;
    private final Listener listener;
    private final Redactor redactor;
    /** Elapsed time for pacing and backoff; the wall clock only numbers entries. */
    private final Ticker ticker;
    private final Clock wall;
    /** The message an editing receiver keeps per conversation (unused for the others). */
    private final Conversations conversations;
    /** Handed over, not yet in the outbox, each with the log record that goes in with it. */
    private final Deque<Handed> inbox = new ArrayDeque<>();
    /** In the outbox (or memory-only), in delivery order. */
    private final Deque<Outbox.Entry> queue = new ArrayDeque<>();
    private final Set<Long> memoryOnly = new HashSet<>();
    /** Outbox updates that failed after their outcome was settled; retried, never the send. */
    private final Deque<Runnable> storeWrites = new ArrayDeque<>();
    private long nextSeq;
    /** Whether what a previous run left in the outbox has been read. */
    private boolean loaded;
    /** When delivery started (ticker time): the wait for leftovers is counted from it. */
    private long startedAt;
    /** The head is not tried again before this (ticker time): the receiver's Retry-After, or backoff. */
    private long retryAt;
    private Thread thread;
    private volatile boolean stopping;

    /**
     * @param redactor the secrets to keep out of failure texts: every receiver's, not only this one's
     * @param ticker elapsed time, for pacing, backoff and the wait for leftovers
     * @param wall wall time, to number entries so that a later run's sort after an earlier run's
     */
    public DeliveryWorker(Notifier notifier, Outbox outbox, ObjectMapper json, RetryPolicy retry, Duration minInterval,
            Listener listener, Redactor redactor, Ticker ticker, Clock wall) {
        this.redactor = redactor;
        this.notifier = notifier;
        this.outbox = outbox;
        this.json = json;
        this.retry = retry;
        this.ticker = ticker;
        this.wall = wall;
        this.pacer = new Pacer(minInterval, ticker);
        this.conversations = new Conversations(notifier.name(), outbox, json);
        this.listener = listener;
        this.startedAt = ticker.nanoTime();
        this.retryAt = startedAt;
    }

    /** Starts delivering on a thread of its own, first what a previous run left in the outbox. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        startedAt = ticker.nanoTime();
        thread = new Thread(this::run, "pipewatch-deliver-" + notifier.name());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> Log.errorf(e, "Delivery to %s stopped", notifier.name()));
        thread.start();
    }

    /** A notification handed over; numbered when it is recorded, after any leftover of an earlier run. */
    private record Handed(String key, String payload, Outbox.LogRecord log) {
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
            inbox.addLast(new Handed(key, payload, log));
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

    /**
     * Both counts at one moment: read one after the other, a notification recorded between the two reads
     * would be counted as durable when it is not, or not at all.
     */
    public record QueueSize(int backlog, int unrecorded) {
    }

    public synchronized QueueSize queueSize() {
        return new QueueSize(backlog(), unrecorded());
    }

    /**
     * Stops after the pass under way: a send in flight finishes and its outcome is recorded, so a restart neither
     * loses it nor sends it again. A pass that takes longer than {@link ShutdownOrder#GRACE} is interrupted.
     */
    public void stop() {
        Thread running;
        synchronized (this) {
            stopping = true;
            notifyAll();
            running = thread;
        }
        if (running != null && running != Thread.currentThread()) {
            ShutdownOrder.finish(running);
        }
    }

    /** The worker's thread: passes, and between them a wait that a hand-over or a stop cuts short. */
    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted() && !stopping) {
                long wait = step();
                if (wait > 0) {
                    synchronized (this) {
                        if (inbox.isEmpty() && !stopping) {
                            TimeUnit.NANOSECONDS.timedWait(this, wait);
                        }
                    }
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One pass: reads what a previous run left (until that succeeds), records what was handed over, retries
     * failed store updates, and makes at most one attempt, if the head's turn has come. Leftovers go first:
     * sends wait for them, up to {@link #LEFTOVER_WAIT}. Tests call this directly with a ticker they move.
     *
     * @return nanoseconds until the next pass has something to do (0: at once); a hand-over comes sooner
     */
    long step() {
        if (!loaded) {
            loaded = takeUpPending();
        }
        record();
        retryStoreWrites();
        long now = ticker.nanoTime();
        long leftoverWait = startedAt + LEFTOVER_WAIT.toNanos() - now;
        if (!loaded && leftoverWait > 0) {
            return Math.min(IDLE.toNanos(), leftoverWait);
        }
        Outbox.Entry entry = head();
        if (entry == null) {
            return IDLE.toNanos();
        }
        long wait = Math.max(pacer.nanosUntilTurn(), retryAt - now);
        if (wait > 0) {
            return wait;
        }
        Optional<Duration> backoff = attempt(entry);
        pacer.called();
        retryAt = ticker.nanoTime() + backoff.orElse(Duration.ZERO).toNanos();
        return 0;
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
            // Numbered from the wall clock, so a later run's entries sort after those an earlier run left,
            // and above every leftover read, should the clock have been set back across the restart.
            nextSeq = Math.max(nextSeq + 1, wall.millis() * 1000);
            Outbox.Entry entry = new Outbox.Entry(notifier.name(), nextSeq, handed.key(), handed.payload(), 0);
            boolean keep;
            boolean durable = true;
            try {
                keep = outbox.add(entry, handed.log());
                if (!keep) {
                    Log.infof("Dropped a repeated notification %s (already in the outbox)", entry.key());
                }
            } catch (Outbox.Fenced otherLeader) {
                // The replica that leads now decides this group's messages from the store; one kept here would be sent twice.
                Log.warnf("Not recorded, not sent: %s (%s)", entry.key(), otherLeader.getMessage());
                keep = false;
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

    private synchronized Outbox.Entry head() {
        return queue.peekFirst();
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
            left.forEach(e -> nextSeq = Math.max(nextSeq, e.seq()));
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
        if (fencedOff(entry)) {
            return Optional.empty();
        }
        DeliveryException failure;
        try {
            if (notifier instanceof EditingNotifier editing) {
                String conversation = notification.groupKey();
                PostedMessage message = editing.deliver(notification, conversations.of(conversation));
                Outbox.Conversation record = conversations.remember(conversation, message, wall.instant());
                settle(entry, () -> outbox.delivered(entry, record));
            } else {
                notifier.deliver(notification);
                settle(entry, () -> outbox.delivered(entry));
            }
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

    /**
     * Asks the store, right before the send, whether this replica may still send: a leader that lost its lease (paused
     * past it, cut off) must send nothing more. Refused, the entry leaves this replica's queue and stays in the
     * outbox for the leader. A store that does not answer does not stop the send: the outbox asked the lease's own
     * clock before it asked the store, and no other replica can lead before that lapses.
     */
    private boolean fencedOff(Outbox.Entry entry) {
        try {
            outbox.claim(entry);
            return false;
        } catch (Outbox.Fenced otherLeader) {
            Log.warnf("Not sent: %s (%s)", entry.key(), otherLeader.getMessage());
            synchronized (this) {
                queue.pollFirst();
                memoryOnly.remove(entry.seq());
            }
            return true;
        } catch (RuntimeException storeDown) {
            return false;
        }
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
