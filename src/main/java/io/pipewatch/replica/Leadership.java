package io.pipewatch.replica;

import java.util.function.Consumer;

/**
 * Whether this replica leads: only the leader polls CloudWatch, tails streams, evaluates, flushes groups and
 * delivers. Two implementations: {@link SoleReplica} when the store is this process's own (the embedded default),
 * and {@link LeaseKeeper} when replicas share one (DynamoDB, or the {@code store-server}).
 */
public interface Leadership {

    /** Whether no other replica can exist (the store is this process's own): nothing is ever held for this one. */
    default boolean alone() {
        return false;
    }

    /** Whether this replica leads now (by its own ticker: a lease past its time is not led on). */
    boolean leading();

    /** What the store checks before a leader's outbox write or send. */
    Fence fence();

    ReplicaStatus status();

    /** Where the leader serves, as last read, while another replica leads; empty when this one does or none is known. */
    java.util.Optional<String> leaderUrl();

    /** Runs {@code duties} once, on the keeper's thread, when this replica first leads (at once if it already does). */
    void whenLeading(Runnable duties);

    /** Told once, with the reason, when this replica stops leading without being asked to. */
    void whenDeposed(Consumer<String> deposed);
}
