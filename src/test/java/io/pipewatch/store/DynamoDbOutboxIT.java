package io.pipewatch.store;

import io.pipewatch.notify.delivery.Outbox;
import io.pipewatch.notify.delivery.OutboxContract;
import io.pipewatch.testing.LocalDynamoDb;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox on DynamoDB Local keeps the port's contract. */
class DynamoDbOutboxIT extends OutboxContract {

    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();

    @Override
    protected Outbox newOutbox(java.time.Clock clock) {
        return new DynamoDbOutbox(STORE::client, STORE.newTable("outbox"),
                new StateTable(STORE::client, STORE.newTable("state"), clock), clock);
    }
}
