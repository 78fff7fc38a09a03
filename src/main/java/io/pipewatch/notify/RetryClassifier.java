package io.pipewatch.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * The one retry classifier for receivers spoken to over HTTP: what an answer means for a delivery.
 * 408, 429 and 5xx are outages worth retrying, waiting as the receiver asked ({@code Retry-After}); other
 * 4xx are refusals that retrying cannot fix; a receiver that cannot be reached is an outage. Every
 * receiver's failures take these paths, so "retryable" means the same for each.
 */
public final class RetryClassifier {

    private RetryClassifier() {
    }

    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Whole seconds, as Slack sends them; an HTTP date or garbage counts as not said (backoff applies). */
    public static Optional<Duration> retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
    }

    /**
     * @param what the receiver as it may be shown (redacted)
     * @param reason the receiver's own words, redacted and cut; empty when it gave none
     */
    public static DeliveryException answered(String what, int status, String reason, String retryAfterHeader) {
        return new DeliveryException(what + " answered " + status + (reason.isEmpty() ? "" : " " + reason), retryable(status),
                retryable(status) ? retryAfter(retryAfterHeader) : Optional.empty());
    }

    /** @param detail the I/O failure, redacted and cut */
    public static DeliveryException unreachable(String what, String detail) {
        return new DeliveryException(what + " unreachable: " + detail, true);
    }
}
