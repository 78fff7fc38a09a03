package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link HeldMessages} must do: keep each message once until released or expired. */
public abstract class HeldMessagesContract {

    protected abstract HeldMessages newStore(java.time.Clock clock);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));

    private List<HeldMessages.Held> sorted(HeldMessages store) {
        return store.held().stream().sorted(Comparator.comparing(HeldMessages.Held::messageId)).toList();
    }

    @Test
    void heldMessagesAreListedOnceEachUntilReleased() {
        HeldMessages store = newStore(clock);
        Instant until = clock.instant().plus(Duration.ofDays(2));
        store.hold("m1", "{\"a\":1}", until);
        store.hold("m2", "{\"a\":2}", until);
        store.hold("m1", "{\"a\":1}", until); // SNS redelivered it to a follower
        assertEquals(List.of(new HeldMessages.Held("m1", "{\"a\":1}"), new HeldMessages.Held("m2", "{\"a\":2}")), sorted(store));
        store.release("m1");
        store.release("never-held");
        assertEquals(List.of(new HeldMessages.Held("m2", "{\"a\":2}")), sorted(store));
    }

    @Test
    void anExpiredMessageIsNoLongerListed() {
        HeldMessages store = newStore(clock);
        store.hold("m1", "{}", clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(), store.held());
    }
}
