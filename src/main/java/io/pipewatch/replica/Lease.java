package io.pipewatch.replica;

import java.time.Duration;
import java.time.Instant;

/**
 * The lease as the store holds it: who leads, with which fencing token, and the version every renewal changes. A
 * follower never compares {@code expiresAt} with its own clock (clocks of two hosts differ): it takes over when the
 * version has stayed the same for {@code duration} by its own ticker, as Amazon's DynamoDB lock client does.
 *
 * @param holder the leading replica's id; empty when it let go (a clean stop), so a follower takes over at once
 * @param token the fencing token: one more at each takeover, never at a renewal; the store refuses a leader's
 *     outbox writes and sends unless the lease still holds its token
 * @param version changed by every write of the lease
 * @param duration how long the lease lasts past a renewal
 * @param expiresAt when it lapses by the holder's wall clock, for people to read
 * @param url where the holder serves, for followers to forward to
 */
public record Lease(String holder, long token, String version, Duration duration, Instant expiresAt, String url) {

    /** Whether nobody holds it: never taken, or let go. */
    public boolean released() {
        return holder.isEmpty();
    }
}
