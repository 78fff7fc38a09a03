package io.pipewatch.incident;

import java.time.Clock;

/** The in-memory incident store keeps the port's contract. */
class InMemoryIncidentStoreTest extends IncidentStoreContract {

    @Override
    protected IncidentStore newStore(Clock clock) {
        return new InMemoryIncidentStore(clock);
    }
}
