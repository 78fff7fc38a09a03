package io.pipewatch.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.ManualClock;
import io.pipewatch.testing.ManualTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one lease, on tickers moved by hand: one leads, the other takes over only after the lease went
 * unrenewed for its duration by its own ticker, and a leader that cannot renew stops leading before that.
 */
class LeaseKeeperTest {

    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration RENEW = Duration.ofSeconds(3);

    private final InMemoryLeaseStore store = new InMemoryLeaseStore();
    private final ManualClock wall = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));
    private final ManualTicker aTicker = new ManualTicker();
    private final ManualTicker bTicker = new ManualTicker();
    private final LeaseKeeper a = new LeaseKeeper("a", "http://a:8080", LEASE, store, aTicker, wall);
    private final LeaseKeeper b = new LeaseKeeper("b", "http://b:8080", LEASE, store, bTicker, wall);

    /** Both replicas look, then RENEW passes for both. */
    private void round(LeaseKeeper... keepers) {
        for (LeaseKeeper k : keepers) {
            k.tick();
        }
        aTicker.advance(RENEW);
        bTicker.advance(RENEW);
        wall.advance(RENEW);
    }

    @Test
    void theFirstToLookLeadsWithTokenOneAndTheOtherFollowsItWhileItRenews() {
        List<String> duties = new ArrayList<>();
        a.whenLeading(() -> duties.add("a"));
        b.whenLeading(() -> duties.add("b"));
        for (int i = 0; i < 20; i++) {
            round(a, b);
        }
        assertTrue(a.leading());
        assertFalse(b.leading());
        assertEquals(List.of("a"), duties, "duties start once, on the leader only");
        assertEquals(new Fence.Token("a", 1), a.fence());
        assertEquals(new Fence.NotLeading(), b.fence());
        assertEquals(new ReplicaStatus("b", false, "a", store.read().orElseThrow().expiresAt(), null), b.status());
        assertEquals(Optional.of("http://a:8080"), b.leaderUrl());
        assertEquals(0, b.takeovers());
    }

    @Test
    void aLeaderThatStopsRenewingIsReplacedOnlyAfterTheLeaseWentUnchangedForItsDuration() {
        round(a, b);
        List<String> duties = new ArrayList<>();
        b.whenLeading(() -> duties.add("b"));
        // a is killed: it looks no more. b saw the lease at its last renewal.
        int rounds = 0;
        while (!b.leading()) {
            round(b);
            rounds++;
            assertTrue(rounds < 20, "b never took over");
        }
        // b saw a's last version in the first round; it takes over at the look that finds it 15 s old (3, 6, 9, 12, 15 s).
        assertEquals(5, rounds);
        assertEquals(List.of("b"), duties);
        assertEquals(new Fence.Token("b", 2), b.fence(), "the takeover's token is one more");
        assertEquals(1, b.takeovers());
    }

    @Test
    void aPausedLeaderStopsLeadingByItsOwnTickerAndIsDeposedWhenItWakes() {
        round(a, b);
        List<String> deposed = new ArrayList<>();
        a.whenDeposed(deposed::add);
        // a is paused (SIGSTOP): its ticker runs on, it does not look.
        for (int i = 0; i < 7; i++) {
            round(b);
        }
        assertTrue(b.leading());
        assertFalse(a.leading(), "past its lease by its own ticker, a no longer leads, before it even looks");
        assertEquals(new Fence.NotLeading(), a.fence());
        a.tick(); // woken (SIGCONT)
        assertEquals(1, deposed.size());
        assertTrue(deposed.get(0).contains("another replica took the lease (b)"), deposed.get(0));
        round(a, b);
        assertFalse(a.leading(), "a deposed replica never leads again");
        assertTrue(b.leading());
    }

    @Test
    void aLeaderThatCannotReachTheStoreKeepsLeadingUntilItsLeaseWouldLapseThenIsDeposed() {
        round(a);
        List<String> deposed = new ArrayList<>();
        a.whenDeposed(deposed::add);
        store.down(true);
        for (int i = 0; i < 3; i++) {
            round(a); // fails at 3, 6, 9 s since the last renewal began
            assertTrue(a.leading(), "still within its lease at " + (i + 2) * 3 + " s");
        }
        round(a); // fails at 12 s; now 15 s
        assertFalse(a.leading(), "lapsed by its own ticker, before it looks again");
        assertTrue(deposed.isEmpty());
        a.tick();
        assertEquals(1, deposed.size());
        assertTrue(deposed.get(0).startsWith("the lease lapsed"), deposed.get(0));
        assertEquals(5, a.failedRenewals());
    }

    @Test
    void aReleasedLeaseIsTakenAtTheNextLookAndAReplicaRestartedUnderItsIdTakesItsOwnBack() {
        round(a, b);
        a.release();
        assertFalse(a.leading());
        b.tick();
        assertTrue(b.leading(), "no wait for a lease let go");
        assertEquals(new Fence.Token("b", 2), b.fence());
        // b restarts under the same configured id: its old run's lease is its own
        LeaseKeeper bAgain = new LeaseKeeper("b", "http://b:8080", LEASE, store, bTicker, wall);
        bAgain.tick();
        assertTrue(bAgain.leading());
        assertEquals(new Fence.Token("b", 3), bAgain.fence(), "a new run fences off the old one");
    }

    @Test
    void twoFollowersRacingForALapsedLeaseYieldOneLeader() {
        ManualTicker cTicker = new ManualTicker();
        LeaseKeeper c = new LeaseKeeper("c", "http://c:8080", LEASE, store, cTicker, wall);
        round(a, b, c);
        for (int i = 0; i < 7; i++) {
            b.tick();
            c.tick();
            bTicker.advance(RENEW);
            cTicker.advance(RENEW);
        }
        assertTrue(b.leading() ^ c.leading(), "exactly one of b and c leads");
        assertEquals(2, store.read().orElseThrow().token());
    }

    @Test
    void aFollowerThatCannotReachTheStoreNeitherLeadsNorKnowsALeader() {
        store.down(true);
        round(a);
        assertFalse(a.leading());
        assertNull(a.status().leaderId());
        assertEquals("store unreachable", a.status().lastError());
        store.down(false);
        round(a);
        assertTrue(a.leading());
    }
}
