package io.pipewatch.notify;

/**
 * A notification was not delivered. {@code retryable} separates outages (I/O, 5xx, 429) from
 * refusals that retrying cannot fix (Slack's {@code invalid_payload}, {@code channel_not_found}).
 * The message never contains a secret: notifiers redact what they quote (a receiver's answer, an I/O
 * error) before they cut or throw it, and the delivery worker ({@code notify.delivery}) redacts it
 * again, with every receiver's secrets, before it is logged, stored or shown. It carries no cause, whose message and stack trace
 * nobody would redact.
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
