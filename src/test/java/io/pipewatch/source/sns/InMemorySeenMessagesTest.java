package io.pipewatch.source.sns;

/** The in-memory SNS message ids keep the port's contract. */
class InMemorySeenMessagesTest extends SeenMessagesContract {

    @Override
    protected SeenMessages newSeen(java.time.Clock clock) {
        return new InMemorySeenMessages(clock);
    }
}
