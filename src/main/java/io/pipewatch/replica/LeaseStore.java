package io.pipewatch.replica;

import java.util.Optional;

/**
 * Port: where the one lease lives. Every write is conditional, so two replicas can never both believe they took it.
 * Implemented on the state table in {@code store}; {@code LeaseStoreContract} is what every implementation must show.
 */
public interface LeaseStore {

    /** The lease as stored now (a strongly consistent read), if one was ever written. */
    Optional<Lease> read();

    /**
     * Replaces the lease, but only if it is still {@code expected} (same holder, token and version), or, with
     * {@code expected} empty, only if there is none.
     *
     * @return false when another replica wrote it first
     * @throws RuntimeException the store did not answer: whether the write happened is unknown
     */
    boolean swap(Optional<Lease> expected, Lease next);
}
