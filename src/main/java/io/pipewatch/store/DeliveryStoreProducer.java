package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import io.pipewatch.notify.delivery.Outbox;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Where the outbox lives: DynamoDB Local on the embedded default, the account's DynamoDB in aws mode. */
public class DeliveryStoreProducer {

    @Produces
    @Singleton
    Outbox outbox(PipewatchConfig config, DynamoDbClients clients, StateTable state, @Wall Clock wall,
            io.pipewatch.replica.Leadership leadership) {
        return new DynamoDbOutbox(clients::dynamoDb, config.delivery().outboxTable(), state, wall, leadership::fence);
    }
}
