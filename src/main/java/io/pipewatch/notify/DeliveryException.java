package io.pipewatch.notify;

/**
 * A notification was not delivered. {@code retryable} separates outages (I/O, 5xx, 429) from
 * refusals that retrying cannot fix (Slack's {@code invalid_payload}, {@code channel_not_found}).
 * The message never contains a secret: notifiers redact before they throw.
 */
public class DeliveryException extends Exception {

    private final boolean retryable;
    private final java.util.Optional<java.time.Duration> retryAfter;

    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, java.util.Optional.empty());
    }

    /** @param retryAfter how long the receiver asked to wait (HTTP {@code Retry-After}), when it said */
    public DeliveryException(String message, boolean retryable, java.util.Optional<java.time.Duration> retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public java.util.Optional<java.time.Duration> retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }
}
