package io.pipewatch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.AlertStore;
import io.pipewatch.alert.AlertStoreContract;
import io.pipewatch.incident.IncidentStore;
import io.pipewatch.incident.IncidentStoreContract;
import io.pipewatch.silence.SilenceStore;
import io.pipewatch.silence.SilenceStoreContract;
import io.pipewatch.source.sns.SeenMessages;
import io.pipewatch.source.sns.SeenMessagesContract;
import io.pipewatch.source.streams.Checkpoints;
import io.pipewatch.source.streams.CheckpointsContract;
import io.pipewatch.testing.LocalDynamoDb;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DynamoDB adapters of the storage ports keep each port's contract, on one DynamoDB Local for all. */
class StateTablePortsIT {

    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static StateTable state(java.time.Clock clock) {
        return new StateTable(STORE::client, STORE.newTable("state"), clock);
    }

    @Nested
    class HeldSnsMessages extends io.pipewatch.source.sns.HeldMessagesContract {
        @Override
        protected io.pipewatch.source.sns.HeldMessages newStore(java.time.Clock clock) {
            return new StateTableHeldMessages(state(clock));
        }
    }

    @Nested
    class Lease extends io.pipewatch.replica.LeaseStoreContract {
        @Override
        protected io.pipewatch.replica.LeaseStore newStore() {
            return new StateTableLeaseStore(state(java.time.Clock.systemUTC()));
        }
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            return new StateTableAlertStore(state(java.time.Clock.systemUTC()), JSON);
        }
    }

    @Nested
    class Incidents extends IncidentStoreContract {
        @Override
        protected IncidentStore newStore(java.time.Clock clock) {
            return new StateTableIncidentStore(state(clock), JSON);
        }
    }

    @Nested
    class Silences extends SilenceStoreContract {
        @Override
        protected SilenceStore newStore(java.time.Clock clock) {
            return new StateTableSilenceStore(state(clock), JSON);
        }
    }

    @Nested
    class SnsMessageIds extends SeenMessagesContract {
        @Override
        protected SeenMessages newSeen(java.time.Clock clock) {
            return new StateTableSeenMessages(state(clock));
        }
    }

    @Nested
    class StreamCheckpoints extends CheckpointsContract {
        @Override
        protected Checkpoints newCheckpoints() {
            return new DynamoDbCheckpoints(STORE::client, STORE.newTable("checkpoints"), java.time.Clock.systemUTC());
        }
    }
}
