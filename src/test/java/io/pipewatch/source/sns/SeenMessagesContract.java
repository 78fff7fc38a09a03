package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link SeenMessages} does, run against the state table and the in-memory one. */
public abstract class SeenMessagesContract {

    protected final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));

    protected abstract SeenMessages newSeen(java.time.Clock clock);

    @Test
    void anIdIsSeenOnceRememberedAndForgottenAfterItsTime() {
        SeenMessages seen = newSeen(clock);
        assertFalse(seen.seen("m-1"));
        seen.remember("m-1", clock.instant().plus(Duration.ofDays(2)));
        assertTrue(seen.seen("m-1"));
        assertFalse(seen.seen("m-2"), "ids are told apart");
        clock.advance(Duration.ofDays(3));
        assertFalse(seen.seen("m-1"), "forgotten after its time");
    }

    @Test
    void rememberingAgainRenewsTheTimeAndAnExpiredIdIsRememberedAfresh() {
        SeenMessages seen = newSeen(clock);
        seen.remember("m-1", clock.instant().plus(Duration.ofDays(2)));
        clock.advance(Duration.ofDays(1));
        seen.remember("m-1", clock.instant().plus(Duration.ofDays(2)));
        clock.advance(Duration.ofHours(36));
        assertTrue(seen.seen("m-1"), "kept for the renewed time, past the first one");
        clock.advance(Duration.ofDays(3));
        assertFalse(seen.seen("m-1"), "forgotten after the renewed time");
        seen.remember("m-1", clock.instant().plus(Duration.ofDays(2)));
        assertTrue(seen.seen("m-1"), "an expired id is remembered afresh");
    }
}
