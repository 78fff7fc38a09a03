package io.pipewatch.notify.delivery;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import io.pipewatch.store.DynamoDbClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Where the outbox lives: DynamoDB Local on the embedded default, the account's DynamoDB in aws mode. */
public class OutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(PipewatchConfig config, DynamoDbClients clients, @Wall Clock wall) {
        return new Outbox(clients::dynamoDb, config.delivery().outboxTable(), wall);
    }
}
