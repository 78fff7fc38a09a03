package io.pipewatch.silence;

/** The in-memory silence store keeps the port's contract. */
class InMemorySilenceStoreTest extends SilenceStoreContract {

    @Override
    protected SilenceStore newStore(java.time.Clock clock) {
        return new InMemorySilenceStore(clock);
    }
}
