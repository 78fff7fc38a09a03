package io.pipewatch.notify.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port: the notifications waiting for their receiver, kept durably before any is sent, so neither a
 * restart nor a receiver outage loses one; and the groups' notification log, written in the same
 * step as the message it records. Entries are ordered by a sequence per receiver and removed once the
 * receiver accepted them; a permanent refusal stays, marked, for people to see (a week). Each entry has
 * an idempotency key: adding the same key twice keeps one. Implemented on DynamoDB in {@code store};
 * {@code OutboxContract} is the behaviour every implementation must show.
 */
public interface Outbox {

    /** One waiting notification: its place in the queue, key, body (JSON), and delivery attempts so far. */
    record Entry(String receiver, long seq, String key, String payload, int attempts) {
    }

    /** A notification the receiver refused for good, kept with the reason for people to see. */
    record Refusal(Entry entry, String reason) {
    }

    /**
     * A group's notification-log record (JSON), written with the message it records or not at all.
     *
     * @param expires when it may be forgotten; null while the group fires
     */
    record LogRecord(String groupKey, String document, Instant expires) {
    }

    /**
     * The store refused a write or a send because another replica leads now (this one lost its lease, perhaps while
     * paused): nothing of it may reach the outbox or a receiver, and nothing is to be kept in memory instead.
     */
    final class Fenced extends RuntimeException {
        public Fenced(String message) {
            super(message);
        }
    }

    /** How long a refusal stays listed. */
    java.time.Duration REFUSAL_KEPT = java.time.Duration.ofDays(7);

    /**
     * Records the notification, and with it (all or nothing) the group's log record, unless its key was
     * recorded before.
     *
     * @param log the group's log record, or null
     * @return false when the key is already known (a duplicate, dropped on purpose; the log is not written)
     * @throws Fenced when another replica leads
     */
    boolean add(Entry entry, LogRecord log);

    /**
     * Asked right before each send: refuses it when another replica leads, so that a leader that lost its lease sends
     * nothing more. Answers normally when the entry is not in the store (kept in memory while the store was down).
     *
     * @throws Fenced when another replica leads
     * @throws RuntimeException the store did not answer (the caller's own view of its lease then decides)
     */
    void claim(Entry entry);

    /** The receiver's waiting notifications, oldest first (refused ones excluded). */
    List<Entry> pending(String receiver);

    /** The receiver's refusals of the last week, oldest first. */
    List<Refusal> refusals(String receiver);

    /** Counts an attempt; nothing happens when the entry is gone meanwhile. */
    void attempted(Entry entry, int attempts);

    /** The receiver accepted it: it leaves the queue. */
    void delivered(Entry entry);

    /**
     * The message a receiver keeps for one conversation (JSON, the receiver's own): where it is and what it shows.
     *
     * @param expires when it may be forgotten; null while the conversation still tells of something firing
     */
    record Conversation(String receiver, String key, String document, Instant expires) {
    }

    /**
     * The receiver accepted it, and this is now the conversation's message: the entry leaves the queue and the
     * message is recorded in one transaction, so a restart neither repeats a delivery nor forgets a message it posted.
     */
    void delivered(Entry entry, Conversation conversation);

    /** The conversation's message as last recorded, unless none was or it expired. */
    java.util.Optional<String> conversation(String receiver, String key);

    /** Kept with the refusal, out of the queue: retrying cannot fix it, and someone should see it. */
    void refused(Entry entry, String reason);

    /** Every group's unexpired log record, as group key → JSON. */
    Map<String, String> notificationLog();
}
