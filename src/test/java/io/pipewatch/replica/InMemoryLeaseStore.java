package io.pipewatch.replica;

import java.util.Optional;

/** The lease in memory, for tests of the keeper; can be made to fail like a store that does not answer. */
public final class InMemoryLeaseStore implements LeaseStore {

    private Lease lease;
    private boolean down;

    @Override
    public synchronized Optional<Lease> read() {
        failIfDown();
        return Optional.ofNullable(lease);
    }

    @Override
    public synchronized boolean swap(Optional<Lease> expected, Lease next) {
        failIfDown();
        boolean matches = expected.isEmpty() ? lease == null
                : lease != null && lease.holder().equals(expected.get().holder()) && lease.token() == expected.get().token()
                        && lease.version().equals(expected.get().version());
        if (matches) {
            lease = next;
        }
        return matches;
    }

    public synchronized void down(boolean down) {
        this.down = down;
    }

    private void failIfDown() {
        if (down) {
            throw new IllegalStateException("store unreachable");
        }
    }
}
