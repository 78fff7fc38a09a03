package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The state table and the checkpoint table in the store: DynamoDB Local on the embedded default, the account's DynamoDB in aws mode. */
public class StateTableProducer {

    @Produces
    @Singleton
    StateTable stateTable(PipewatchConfig config, DynamoDbClients clients, @Wall Clock wall) {
        // Expiry is wall time: silences and logs are kept for people, whatever speed the demo runs at.
        return new StateTable(clients::dynamoDb, config.delivery().stateTable(), wall);
    }

    @Produces
    @Singleton
    io.pipewatch.source.streams.Checkpoints checkpoints(DynamoDbClients clients, @Wall Clock wall) {
        return new DynamoDbCheckpoints(clients::dynamoDb, DynamoDbCheckpoints.DEFAULT_TABLE, wall);
    }
}
