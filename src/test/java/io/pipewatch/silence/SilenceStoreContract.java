package io.pipewatch.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.alert.Matcher;
import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link SilenceStore} does, run against the state table and the in-memory one. */
public abstract class SilenceStoreContract {

    protected final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));

    protected abstract SilenceStore newStore(java.time.Clock clock);

    private Silence silence(String id, String endedBy) {
        Instant now = clock.instant();
        return new Silence(id, List.of(Matcher.parse("alarm=~stream-.*"), Matcher.parse("team!=web")), now,
                now.plus(Duration.ofHours(2)), "ana", "deploy of the consumer, CHG-42", now, endedBy);
    }

    @Test
    void aSilenceComesBackAsSavedAndItsLatestVersionWins() {
        SilenceStore store = newStore(clock);
        Silence first = silence("s1", null);
        store.save(first, first.endsAt().plus(Duration.ofDays(1)));
        Silence ended = first.expiredAt(clock.instant().plusSeconds(60), "ben");
        store.save(ended, ended.endsAt().plus(Duration.ofDays(1)));
        List<Silence> loaded = store.load();
        assertEquals(1, loaded.size());
        assertEquals(ended, loaded.get(0), "matchers, times and both logins survive");
    }

    @Test
    void aSilenceIsForgottenAfterItsTime() {
        SilenceStore store = newStore(clock);
        Silence s = silence("s1", null);
        store.save(s, clock.instant().plus(Duration.ofHours(3)));
        clock.advance(Duration.ofHours(2));
        assertEquals(1, store.load().size());
        clock.advance(Duration.ofHours(2));
        assertEquals(List.of(), store.load());
    }
}
