package io.pipewatch.notify.delivery;

/** The in-memory outbox keeps the port's contract. */
class InMemoryOutboxTest extends OutboxContract {

    @Override
    protected Outbox newOutbox(java.time.Clock clock) {
        return new InMemoryOutbox(clock);
    }
}
