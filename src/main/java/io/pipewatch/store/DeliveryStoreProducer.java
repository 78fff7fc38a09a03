package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import io.pipewatch.notify.delivery.Outbox;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Where the outbox lives: in the journal on the embedded default, in DynamoDB in aws mode and for replicas sharing a store. */
public class DeliveryStoreProducer {

    @Produces
    @Singleton
    Outbox outbox(PipewatchConfig config, DynamoDbClients clients, EmbeddedJournal embedded, StateTable state, @Wall Clock wall,
            io.pipewatch.replica.Leadership leadership) {
        if (embedded.used()) {
            return new JournalOutbox(embedded.journal(), wall);
        }
        return new DynamoDbOutbox(clients::dynamoDb, config.delivery().outboxTable(), state, wall, leadership::fence);
    }
}
