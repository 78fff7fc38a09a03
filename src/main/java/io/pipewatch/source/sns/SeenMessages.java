package io.pipewatch.source.sns;

import java.time.Instant;

/**
 * Port: the SNS message ids already handled, so a redelivered message changes nothing twice.
 * Implemented on the state table in {@code store}.
 */
public interface SeenMessages {

    /** Whether the id was remembered and not yet forgotten. */
    boolean seen(String messageId);

    /**
     * Remembers the id until the given time (SNS redelivers for hours at most). Remembering it again sets the new time:
     * a blind write, so that it commits with other writes ({@code store.GroupCommit}) instead of a conditional round
     * trip of its own; callers remember for the same span from now, so the time only moves on.
     */
    void remember(String messageId, Instant until);
}
