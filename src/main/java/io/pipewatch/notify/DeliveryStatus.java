package io.pipewatch.notify;

import java.time.Instant;

/** How delivery to the receiver has been going, for {@code /api/status}. */
public record DeliveryStatus(String receiver, long sent, long failed, Instant lastSent, Instant lastFailure,
        String lastFailureMessage) {

    static DeliveryStatus initial(String receiver) {
        return new DeliveryStatus(receiver, 0, 0, null, null, null);
    }

    DeliveryStatus delivered(Instant at) {
        return new DeliveryStatus(receiver, sent + 1, failed, at, lastFailure, lastFailureMessage);
    }

    DeliveryStatus failedWith(Instant at, String message) {
        return new DeliveryStatus(receiver, sent, failed + 1, lastSent, at, message);
    }
}
