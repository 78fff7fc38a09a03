package io.pipewatch.notify.slack.app;

import io.pipewatch.notify.DeliveryException;
import java.time.Duration;
import java.util.Optional;

/** A Web API call that did not succeed, with Slack's error code ({@code channel_not_found}) when it gave one. */
public final class SlackApiException extends DeliveryException {

    private final String error;

    SlackApiException(String message, String error, boolean retryable, Optional<Duration> retryAfter) {
        super(message, retryable, retryAfter);
        this.error = error;
    }

    /** Slack's {@code error}; empty for an HTTP failure or an unreachable API. */
    public String error() {
        return error;
    }
}
