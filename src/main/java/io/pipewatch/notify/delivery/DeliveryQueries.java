package io.pipewatch.notify.delivery;

import java.time.Instant;
import java.util.List;

/**
 * What pages and APIs may read of delivery: how each receiver is doing and what was refused for good.
 * Read-only on purpose, so a page can show delivery without holding the dispatcher that sends.
 */
public interface DeliveryQueries {

    /** A notification a receiver refused for good: what it said, when it was made, and the receiver's answer. */
    record FailedDelivery(String receiver, String title, Instant at, String reason) {
    }

    /** Each receiver's delivery so far, the default receiver first. */
    List<DeliveryStatus> status();

    /** The refused notifications kept in the outbox, newest first; none while the store is down. */
    List<FailedDelivery> failedDeliveries();

    /**
     * A message about an alert: to which receiver, what it said of the alert ({@code firing}, {@code resolved},
     * {@code reminder}), when it was made, and how its delivery went ({@code delivered}, {@code retrying}, {@code refused}),
     * with the receiver's answer when it was not accepted.
     */
    record Notice(String receiver, String kind, Instant madeAt, Instant updatedAt, String outcome, String detail) {
    }

    /** The messages about one alert since start, newest first. */
    List<Notice> noticesOf(String alertId);
}
