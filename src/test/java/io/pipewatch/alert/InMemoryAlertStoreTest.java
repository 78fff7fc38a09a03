package io.pipewatch.alert;

/** The in-memory alert store keeps the port's contract. */
class InMemoryAlertStoreTest extends AlertStoreContract {

    @Override
    protected AlertStore newStore() {
        return new InMemoryAlertStore();
    }
}
