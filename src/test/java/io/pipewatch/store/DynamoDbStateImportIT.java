package io.pipewatch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.notify.delivery.Outbox;
import io.pipewatch.store.journal.Journal;
import io.pipewatch.testing.LocalDynamoDb;
import io.pipewatch.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What an earlier version kept in DynamoDB Local reads the same from the journal after the upgrade. */
class DynamoDbStateImportIT {

    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();

    @TempDir
    Path directory;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));

    @Test
    void documentsWaitingNotificationsRefusalsLogsAndConversationsComeOver() {
        String stateTable = STORE.newTable("state");
        String outboxTable = STORE.newTable("outbox");
        StateTable state = new StateTable(STORE::client, stateTable, clock);
        DynamoDbOutbox before = new DynamoDbOutbox(STORE::client, outboxTable, state, clock);
        state.put("alert", "a1", "{\"state\":\"FIRING\"}", null);
        state.put("sns", "m1", "{}", clock.instant().plus(Duration.ofDays(1)));
        var waiting = new Outbox.Entry("slack", 7, "k7", "{\"title\":\"waiting\"}", 2);
        var refused = new Outbox.Entry("slack", 8, "k8", "{\"title\":\"refused\"}", 0);
        var delivered = new Outbox.Entry("slack", 9, "k9", "{\"title\":\"sent\"}", 0);
        before.add(waiting, new Outbox.LogRecord("group-1", "{\"seq\":7}", null));
        before.add(refused, null);
        before.refused(refused, "invalid_payload");
        before.add(delivered, null);
        before.delivered(delivered, new Outbox.Conversation("slack", "incident-1", "{\"ts\":\"1.2\"}", null));

        try (Journal journal = Journal.open(directory, clock)) {
            assertFalse(DynamoDbStateImport.done(journal));
            DynamoDbStateImport.into(journal, STORE.client(), stateTable, outboxTable);
            assertTrue(DynamoDbStateImport.done(journal), "marked, so it runs once");
        }

        try (Journal journal = Journal.open(directory, clock)) { // from disk
            JournalOutbox after = new JournalOutbox(journal, clock);
            Documents documents = new JournalDocuments(journal);
            assertEquals(Optional.of("{\"state\":\"FIRING\"}"), documents.get("alert", "a1"));
            assertEquals(Optional.of("{}"), documents.get("sns", "m1"));
            assertEquals(List.of(waiting), after.pending("slack"));
            assertEquals(List.of(new Outbox.Refusal(refused, "invalid_payload")), after.refusals("slack"));
            assertEquals(Map.of("group-1", "{\"seq\":7}"), after.notificationLog());
            assertEquals(Optional.of("{\"ts\":\"1.2\"}"), after.conversation("slack", "incident-1"));
            assertFalse(after.add(waiting, null), "its idempotency key came over too");

            clock.advance(Duration.ofDays(2));
            assertEquals(Optional.empty(), documents.get("sns", "m1"), "and its expiry");
        }
    }

    @Test
    void withNoTablesItMarksItselfDoneAndImportsNothing() {
        try (Journal journal = Journal.open(directory, clock)) {
            assertEquals(0, DynamoDbStateImport.into(journal, STORE.client(), "absent-state", "absent-outbox"));
            assertTrue(DynamoDbStateImport.done(journal));
        }
    }

    /** The demo's own DynamoDB Local is reached in process, whose answer to a missing table differs from the wire's. */
    @Test
    void inTheDemosInProcessStoreATableNeverCreatedIsNoFailure() {
        var embedded = new io.pipewatch.aws.dynamodb.EmbeddedDynamoDb();
        try (Journal journal = Journal.open(directory, clock)) {
            assertEquals(0, DynamoDbStateImport.into(journal, embedded.client(), "absent-state", "absent-outbox"));
            assertTrue(DynamoDbStateImport.done(journal));
        } finally {
            embedded.stop();
        }
    }
}
