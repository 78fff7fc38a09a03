package io.pipewatch.source.streams;

/** The in-memory checkpoints keep the port's contract. */
class InMemoryCheckpointsTest extends CheckpointsContract {

    @Override
    protected Checkpoints newCheckpoints() {
        return new InMemoryCheckpoints();
    }
}
