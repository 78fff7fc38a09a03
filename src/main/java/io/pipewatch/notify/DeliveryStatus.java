package io.pipewatch.notify;

import java.time.Instant;

/**
 * How delivery to the receiver has been going, for {@code /api/status}: sent, refused for good
 * ({@code failed}), retried attempts, the notifications waiting ({@code backlog}), and the last problem.
 */
public record DeliveryStatus(String receiver, long sent, long failed, long retries, int backlog, Instant lastSent,
        Instant lastFailure, String lastFailureMessage) {

    static DeliveryStatus initial(String receiver) {
        return new DeliveryStatus(receiver, 0, 0, 0, 0, null, null, null);
    }

    DeliveryStatus delivered(Instant at) {
        return new DeliveryStatus(receiver, sent + 1, failed, retries, backlog, at, lastFailure, lastFailureMessage);
    }

    DeliveryStatus retrying(Instant at, String message) {
        return new DeliveryStatus(receiver, sent, failed, retries + 1, backlog, lastSent, at, message);
    }

    DeliveryStatus failedWith(Instant at, String message) {
        return new DeliveryStatus(receiver, sent, failed + 1, retries, backlog, lastSent, at, message);
    }

    DeliveryStatus withBacklog(int waiting) {
        return new DeliveryStatus(receiver, sent, failed, retries, waiting, lastSent, lastFailure, lastFailureMessage);
    }
}
