package io.pipewatch.notify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Outbox} does, run against each implementation (DynamoDB Local, and the in-memory one the
 * delivery tests use), so a test that passes on the fast one says something about the real one.
 */
public abstract class OutboxContract {

    protected final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));
    private Outbox outbox;

    /** A fresh, empty outbox reading the given clock. */
    protected abstract Outbox newOutbox(java.time.Clock clock);

    @BeforeEach
    void fresh() {
        outbox = newOutbox(clock);
    }

    private static Outbox.Entry entry(long seq, String key) {
        return new Outbox.Entry("slack", seq, key, "{\"title\":\"" + key + "\"}", 0);
    }

    @Test
    void pendingEntriesComeOldestFirstWhateverTheOrderTheyWereAdded() {
        assertTrue(outbox.add(entry(30, "c"), null));
        assertTrue(outbox.add(entry(10, "a"), null));
        assertTrue(outbox.add(entry(1_000_000_000_000L, "d"), null));
        assertTrue(outbox.add(entry(20, "b"), null));
        assertEquals(List.of("a", "b", "c", "d"), outbox.pending("slack").stream().map(Outbox.Entry::key).toList());
        assertEquals(entry(10, "a"), outbox.pending("slack").get(0), "kept as given, payload and all");
    }

    @Test
    void aKeyIsKeptOnceAndItsRepeatWritesNoLog() {
        assertTrue(outbox.add(entry(1, "k"), new Outbox.LogRecord("group", "{\"seq\":1}", null)));
        assertFalse(outbox.add(entry(2, "k"), new Outbox.LogRecord("group", "{\"seq\":2}", null)), "a repeat is refused");
        assertEquals(List.of(entry(1, "k")), outbox.pending("slack"));
        assertEquals(Map.of("group", "{\"seq\":1}"), outbox.notificationLog(), "the repeat's log record is not written");
    }

    @Test
    void receiversHaveQueuesOfTheirOwn() {
        outbox.add(entry(1, "k"), null);
        var other = new Outbox.Entry("pager", 1, "k", "{}", 0);
        assertTrue(outbox.add(other, null), "the same key for another receiver is another notification");
        assertEquals(List.of(other), outbox.pending("pager"));
        assertEquals(1, outbox.pending("slack").size());
        assertEquals(List.of(), outbox.pending("nobody"));
    }

    @Test
    void attemptsAreCountedOnTheWaitingEntry() {
        outbox.add(entry(1, "k"), null);
        outbox.attempted(entry(1, "k"), 3);
        assertEquals(3, outbox.pending("slack").get(0).attempts());
    }

    @Test
    void aDeliveredEntryLeavesAndALateAttemptDoesNotBringItBack() {
        outbox.add(entry(1, "k"), null);
        outbox.add(entry(2, "j"), null);
        outbox.delivered(entry(1, "k"));
        outbox.attempted(entry(1, "k"), 2);
        outbox.refused(entry(1, "k"), "late");
        assertEquals(List.of("j"), outbox.pending("slack").stream().map(Outbox.Entry::key).toList());
        assertEquals(List.of(), outbox.refusals("slack"));
        assertFalse(outbox.add(entry(3, "k"), null), "a delivered key is still known: a redone hand-over is not sent twice");
    }

    @Test
    void aRefusalLeavesTheQueueAndIsListedForAWeek() {
        outbox.add(entry(1, "k"), null);
        outbox.refused(entry(1, "k"), "channel_not_found");
        assertEquals(List.of(), outbox.pending("slack"));
        assertEquals(List.of(new Outbox.Refusal(entry(1, "k"), "channel_not_found")), outbox.refusals("slack"));
        clock.advance(Duration.ofDays(6));
        assertEquals(1, outbox.refusals("slack").size(), "still listed after six days");
        clock.advance(Duration.ofDays(2));
        assertEquals(List.of(), outbox.refusals("slack"), "forgotten after a week");
    }

    @Test
    void theNotificationLogKeepsEachGroupsLatestRecordUntilItExpires() {
        outbox.add(entry(1, "a"), new Outbox.LogRecord("firing", "{\"seq\":1}", null));
        outbox.add(entry(2, "b"), new Outbox.LogRecord("firing", "{\"seq\":2}", null));
        outbox.add(entry(3, "c"), new Outbox.LogRecord("quiet", "{\"seq\":1}", clock.instant().plus(Duration.ofHours(1))));
        assertEquals(Map.of("firing", "{\"seq\":2}", "quiet", "{\"seq\":1}"), outbox.notificationLog());
        clock.advance(Duration.ofHours(2));
        assertEquals(Map.of("firing", "{\"seq\":2}"), outbox.notificationLog(), "a quiet group's record is forgotten");
    }

    @Test
    void aDeliveryRecordsItsConversationsMessageAsItLeavesTheQueue() {
        outbox.add(entry(1, "a"), null);
        assertEquals(java.util.Optional.empty(), outbox.conversation("slack", "default{incident=i-1}"));
        outbox.delivered(entry(1, "a"), new Outbox.Conversation("slack", "default{incident=i-1}", "{\"ts\":\"1.1\"}", null));
        assertEquals(List.of(), outbox.pending("slack"));
        assertEquals(java.util.Optional.of("{\"ts\":\"1.1\"}"), outbox.conversation("slack", "default{incident=i-1}"));
        assertEquals(java.util.Optional.empty(), outbox.conversation("other", "default{incident=i-1}"), "per receiver");

        outbox.add(entry(2, "b"), null);
        outbox.delivered(entry(2, "b"), new Outbox.Conversation("slack", "default{incident=i-1}", "{\"ts\":\"1.1\",\"open\":false}",
                clock.instant().plus(Duration.ofDays(7))));
        assertEquals(java.util.Optional.of("{\"ts\":\"1.1\",\"open\":false}"), outbox.conversation("slack", "default{incident=i-1}"));
        clock.advance(Duration.ofDays(8));
        assertEquals(java.util.Optional.empty(), outbox.conversation("slack", "default{incident=i-1}"), "a settled one expires");
    }
}
