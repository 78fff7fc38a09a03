package io.pipewatch.notify.delivery;

import java.time.Instant;

/**
 * How delivery to the receiver has been going, for {@code /api/status}: how it reaches people ({@code mode}:
 * {@code webhook}, {@code app} or {@code log}), sent, refused for good
 * ({@code failed}), retried attempts, the notifications waiting ({@code backlog}; {@code unrecorded} of them not in
 * the durable outbox, while the store is slow or down), and the last problem.
 */
public record DeliveryStatus(String receiver, String mode, long sent, long failed, long retries, int backlog, int unrecorded,
        Instant lastSent, Instant lastFailure, String lastFailureMessage) {

    static DeliveryStatus initial(String receiver, String mode) {
        return new DeliveryStatus(receiver, mode, 0, 0, 0, 0, 0, null, null, null);
    }

    DeliveryStatus delivered(Instant at) {
        return new DeliveryStatus(receiver, mode, sent + 1, failed, retries, backlog, unrecorded, at, lastFailure, lastFailureMessage);
    }

    DeliveryStatus retrying(Instant at, String message) {
        return new DeliveryStatus(receiver, mode, sent, failed, retries + 1, backlog, unrecorded, lastSent, at, message);
    }

    DeliveryStatus failedWith(Instant at, String message) {
        return new DeliveryStatus(receiver, mode, sent, failed + 1, retries, backlog, unrecorded, lastSent, at, message);
    }

    /** With the queue as it is now: waiting in all, and of those not (yet) in the durable outbox. */
    DeliveryStatus withQueue(int waiting, int notDurable) {
        return new DeliveryStatus(receiver, mode, sent, failed, retries, waiting, notDurable, lastSent, lastFailure, lastFailureMessage);
    }
}
