package io.pipewatch.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link LeaseStore} must do: no lease at first; a write lands only over the lease it expects. */
public abstract class LeaseStoreContract {

    protected abstract LeaseStore newStore();

    private static Lease lease(String holder, long token, String version) {
        return new Lease(holder, token, version, Duration.ofSeconds(15), Instant.parse("2026-12-04T03:00:15Z"),
                "http://" + holder + ":8080");
    }

    @Test
    void thereIsNoLeaseUntilOneIsWrittenAndThenItReadsBackWhole() {
        LeaseStore store = newStore();
        assertTrue(store.read().isEmpty());
        Lease first = lease("a", 1, "v1");
        assertTrue(store.swap(Optional.empty(), first));
        assertEquals(Optional.of(first), store.read());
    }

    @Test
    void onlyOneOfTwoReplicasCreatesTheLease() {
        LeaseStore store = newStore();
        assertTrue(store.swap(Optional.empty(), lease("a", 1, "v1")));
        assertFalse(store.swap(Optional.empty(), lease("b", 1, "v2")), "the second create must be refused");
        assertEquals("a", store.read().orElseThrow().holder());
    }

    @Test
    void aWriteOverAnOutdatedVersionOrTokenIsRefused() {
        LeaseStore store = newStore();
        Lease first = lease("a", 1, "v1");
        store.swap(Optional.empty(), first);
        Lease renewed = lease("a", 1, "v2");
        assertTrue(store.swap(Optional.of(first), renewed));
        assertFalse(store.swap(Optional.of(first), lease("b", 2, "v3")), "a takeover over the version it saw before the renewal");
        assertFalse(store.swap(Optional.of(lease("a", 7, "v2")), lease("a", 8, "v4")), "same version, other token");
        assertTrue(store.swap(Optional.of(renewed), lease("b", 2, "v5")));
        assertEquals(lease("b", 2, "v5"), store.read().orElseThrow());
    }
}
