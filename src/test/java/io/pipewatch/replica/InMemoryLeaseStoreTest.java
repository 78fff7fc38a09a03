package io.pipewatch.replica;

class InMemoryLeaseStoreTest extends LeaseStoreContract {
    @Override
    protected LeaseStore newStore() {
        return new InMemoryLeaseStore();
    }
}
