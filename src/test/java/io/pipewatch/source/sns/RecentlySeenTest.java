package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentlySeenTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));

    /** The store's port, counting the reads that reach it. */
    private final class CountingStore implements SeenMessages {
        final InMemorySeenMessages stored = new InMemorySeenMessages(clock);
        int reads;

        @Override
        public boolean seen(String messageId) {
            reads++;
            return stored.seen(messageId);
        }

        @Override
        public void remember(String messageId, Instant until) {
            stored.remember(messageId, until);
        }
    }

    private final CountingStore store = new CountingStore();
    private final RecentlySeen seen = new RecentlySeen(store, clock);

    @Test
    void aRepeatOfARecentMessageIsAnsweredWithoutTheStoreAndAnUnknownOneAsksIt() {
        seen.remember("m-1", clock.instant().plus(Duration.ofDays(2)));
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.seen("m-1"));
        }
        assertEquals(0, store.reads, "a storm of retries costs no store read");
        store.remember("m-2", clock.instant().plus(Duration.ofDays(2))); // handled by another replica, or the last run
        assertTrue(seen.seen("m-2"));
        assertFalse(seen.seen("m-3"));
        assertEquals(2, store.reads);
    }

    @Test
    void theEventLoopsQuestionNeverReachesTheStore() {
        store.remember("m-2", clock.instant().plus(Duration.ofDays(2))); // known to the store only
        seen.remember("m-1", clock.instant().plus(Duration.ofDays(2)));
        assertTrue(seen.seenRecently("m-1"));
        assertFalse(seen.seenRecently("m-2"), "a miss in memory is no answer; the worker asks the store");
        assertEquals(0, store.reads);
    }

    @Test
    void anIdPastItsTimeIsAskedOfTheStoreAgain() {
        seen.remember("m-1", clock.instant().plus(Duration.ofDays(2)));
        clock.advance(Duration.ofDays(3));
        assertFalse(seen.seen("m-1"));
        assertEquals(1, store.reads);
    }

    @Test
    void itStaysBoundedHoweverManyMessagesArrive() {
        for (int i = 0; i < RecentlySeen.KEPT + 1000; i++) {
            seen.remember("m-" + i, clock.instant().plus(Duration.ofDays(2)));
        }
        assertEquals(RecentlySeen.KEPT, seen.size());
        assertTrue(seen.seen("m-0"), "the oldest are forgotten here, not by the store");
        assertEquals(1, store.reads);
    }
}
