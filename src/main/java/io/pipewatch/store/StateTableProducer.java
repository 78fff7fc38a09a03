package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The state documents and the checkpoint table: the embedded default keeps its documents in its journal
 * ({@link EmbeddedJournal}), aws mode and replicas sharing a store in the DynamoDB state table; stream checkpoints
 * stay beside the stream they mark, in DynamoDB (Local in the demo).
 */
public class StateTableProducer {

    /** Typed so that it is no {@link Documents} bean of its own: the lease and the DynamoDB outbox ask for it by name. */
    @Produces
    @Singleton
    @Typed(StateTable.class)
    StateTable stateTable(PipewatchConfig config, DynamoDbClients clients, @Wall Clock wall) {
        // Expiry is wall time: silences and logs are kept for people, whatever speed the demo runs at.
        return new StateTable(clients::dynamoDb, config.delivery().stateTable(), wall);
    }

    @Produces
    @Singleton
    Documents documents(EmbeddedJournal embedded, StateTable table) {
        return embedded.used() ? new JournalDocuments(embedded.journal()) : table;
    }

    @Produces
    @Singleton
    io.pipewatch.source.streams.Checkpoints checkpoints(DynamoDbClients clients, @Wall Clock wall) {
        return new DynamoDbCheckpoints(clients::dynamoDb, DynamoDbCheckpoints.DEFAULT_TABLE, wall);
    }
}
