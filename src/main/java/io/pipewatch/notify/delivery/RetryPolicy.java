package io.pipewatch.notify.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: what the receiver asked for ({@code Retry-After}) when it
 * said (at most 5 min: a long wait holds the whole queue, and asking again costs one request), else
 * exponential backoff from 1 s, capped at 5 min, with "equal jitter" (between half and all of the
 * step) so a fleet of retries does not arrive in step.
 */
public final class RetryPolicy {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofMinutes(5);

    private final DoubleSupplier random;

    public RetryPolicy(DoubleSupplier random) {
        this.random = random;
    }

    /** @param attempts attempts made so far, at least 1 */
    public Duration delay(int attempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(CAP) > 0 ? CAP : retryAfter.get();
        }
        long ceiling = Math.min(CAP.toMillis(), FIRST.toMillis() << Math.min(20, attempts - 1));
        return Duration.ofMillis((long) (ceiling / 2.0 + random.getAsDouble() * ceiling / 2.0));
    }
}
