package io.pipewatch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.notify.delivery.Outbox;
import io.pipewatch.replica.Fence;
import io.pipewatch.replica.Lease;
import io.pipewatch.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A leader's outbox writes and sends carry its lease in the same transaction, so DynamoDB itself refuses them once
 * another replica took the lease: not a flag the old leader might not have read yet.
 */
class FencedOutboxIT {

    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();

    private final StateTable state = new StateTable(STORE::client, STORE.newTable("state"), Clock.systemUTC());
    private final StateTableLeaseStore leases = new StateTableLeaseStore(state);
    private final AtomicReference<Fence> fence = new AtomicReference<>(new Fence.Token("a", 1));
    private final DynamoDbOutbox outbox = new DynamoDbOutbox(STORE::client, STORE.newTable("outbox"), state,
            Clock.systemUTC(), fence::get);

    private static Lease lease(String holder, long token, String version) {
        return new Lease(holder, token, version, Duration.ofSeconds(15), Instant.parse("2026-12-04T03:00:15Z"), "");
    }

    private static Outbox.Entry entry(long seq, String key) {
        return new Outbox.Entry("slack", seq, key, "{}", 0);
    }

    @Test
    void theLeaderWritesAndSendsUntilAnotherReplicaTakesTheLeaseThenTheStoreRefusesBoth() {
        Lease a = lease("a", 1, "v1");
        assertTrue(leases.swap(Optional.empty(), a));
        assertTrue(outbox.add(entry(1, "k1"), null));
        outbox.claim(entry(1, "k1"));
        outbox.claim(entry(9, "kept-in-memory")); // not in the store: the lease is what is checked

        assertTrue(leases.swap(Optional.of(a), lease("b", 2, "v2")), "b takes over; a has not noticed");
        assertThrows(Outbox.Fenced.class, () -> outbox.add(entry(2, "k2"), new Outbox.LogRecord("g", "{}", null)));
        assertThrows(Outbox.Fenced.class, () -> outbox.claim(entry(1, "k1")));
        assertEquals(java.util.List.of("k1"), outbox.pending("slack").stream().map(Outbox.Entry::key).toList(),
                "the refused add wrote nothing, the recorded entry waits for the new leader");
        assertTrue(outbox.notificationLog().isEmpty(), "nor the group's log that came with it");
    }

    @Test
    void aReplicaThatKnowsItDoesNotLeadIsRefusedWithoutAskingTheStore() {
        fence.set(new Fence.NotLeading());
        assertThrows(Outbox.Fenced.class, () -> outbox.add(entry(1, "k1"), null));
        assertThrows(Outbox.Fenced.class, () -> outbox.claim(entry(1, "k1")));
    }

    @Test
    void withTheEmbeddedStoreNothingIsCheckedOrWritten() {
        fence.set(new Fence.None());
        assertTrue(outbox.add(entry(1, "k1"), null), "no lease item exists, and none is needed");
        outbox.claim(entry(1, "k1"));
        assertTrue(leases.read().isEmpty());
    }
}
