package io.pipewatch.source.sns;

class InMemoryHeldMessagesTest extends HeldMessagesContract {
    @Override
    protected HeldMessages newStore(java.time.Clock clock) {
        return new InMemoryHeldMessages(clock);
    }
}
