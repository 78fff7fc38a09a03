package io.pipewatch.notify;

import io.pipewatch.alert.AlertNotification;

/** Delivers alert notifications somewhere people read them: Slack, or the log. */
public interface Notifier {

    String name();

    /** @throws DeliveryException when the receiver refused or could not be reached; its message is redacted */
    void deliver(AlertNotification notification) throws DeliveryException;
}
