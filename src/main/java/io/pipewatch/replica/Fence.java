package io.pipewatch.replica;

/**
 * What the store must check before it takes a leader's write or lets it send: the condition that fences off a
 * replica that lost the lease without noticing (a pause, a partition).
 */
public sealed interface Fence {

    /** No other replica can exist (the embedded store is this process's own): nothing to check. */
    record None() implements Fence {
    }

    /** Take the write only while the stored lease is still this holder's, with this token. */
    record Token(String holder, long token) implements Fence {
    }

    /** This replica does not lead: refuse without asking the store. */
    record NotLeading() implements Fence {
    }
}
