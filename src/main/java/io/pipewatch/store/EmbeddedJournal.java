package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import io.pipewatch.aws.dynamodb.StoreLocation;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ShutdownOrder;
import io.pipewatch.config.Wall;
import io.pipewatch.store.journal.Journal;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Decides where Pipewatch's own state lives: in the embedded default (demo mode, no shared store) in a journal of its
 * own under {@code pipewatch.store.path} — DynamoDB Local there holds only the simulated pipeline's table and stream —
 * and otherwise in DynamoDB (the account's, or the store several replicas share). Opened on first use, closed at
 * shutdown once what was committed is on disk.
 */
@ApplicationScoped
public class EmbeddedJournal {

    private final boolean used;
    private final DynamoDbClients clients;
    private final PipewatchConfig config;
    private final StoreLocation location;
    private final Clock wall;
    private Journal journal;
    private boolean closed;

    public EmbeddedJournal(PipewatchConfig config, DynamoDbClients clients, @Wall Clock wall) {
        this.used = config.mode() == PipewatchConfig.Mode.DEMO && clients.sharedDemoStore().isEmpty();
        this.location = StoreLocation.of(config.store().path());
        this.wall = wall;
        this.clients = clients;
        this.config = config;
    }

    /** True when the state is kept in the journal rather than in DynamoDB. */
    public boolean used() {
        return used;
    }

    public synchronized Journal journal() {
        if (closed) {
            throw new IllegalStateException("the store's journal has closed");
        }
        if (journal == null) {
            if (location instanceof StoreLocation.OnDisk onDisk) {
                journal = Journal.open(onDisk.directory(), wall);
                // DynamoDB Local's file, where versions before the journal kept this state.
                if (Files.exists(onDisk.directory().resolve(EmbeddedDynamoDb.DATABASE)) && !DynamoDbStateImport.done(journal)) {
                    importEarlierState();
                }
            } else {
                journal = Journal.inMemory(wall);
            }
            Log.infof("State journal: %s", location);
        }
        return journal;
    }

    /** A failed import closes the journal again and fails the first use: the next try starts over, from the same tables. */
    private void importEarlierState() {
        try {
            int imported = DynamoDbStateImport.into(journal, clients.dynamoDb(), config.delivery().stateTable(),
                    config.delivery().outboxTable());
            Log.infof("State journal: %d documents and notifications brought over from the DynamoDB Local tables of an earlier"
                    + " version (left as they were)", imported);
        } catch (RuntimeException e) {
            journal.close();
            journal = null;
            throw new IllegalStateException("cannot bring the earlier version's state into the journal: " + e.getMessage(), e);
        }
    }

    /** Last of all at a stop ({@link ShutdownOrder}): what the parts before committed is on disk. */
    synchronized void close(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.STORE) ShutdownEvent shutdown) {
        closed = true;
        if (journal != null) {
            journal.close();
        }
    }
}
