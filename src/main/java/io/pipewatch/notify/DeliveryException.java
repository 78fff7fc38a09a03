package io.pipewatch.notify;

/**
 * A notification was not delivered. {@code retryable} separates outages (I/O, 5xx, 429) from
 * refusals that retrying cannot fix (Slack's {@code invalid_payload}, {@code channel_not_found}).
 * The message never contains a secret: notifiers redact before they throw.
 */
public class DeliveryException extends Exception {

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
