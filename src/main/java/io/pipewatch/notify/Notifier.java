package io.pipewatch.notify;

/** Delivers group notifications somewhere people read them: a Slack webhook, or the log. */
public interface Notifier {

    /** The receiver's name; also the name of its queue in the outbox. */
    String name();

    /** @throws DeliveryException when the receiver refused or could not be reached; its message is redacted */
    void deliver(GroupNotification notification) throws DeliveryException;

    /** How it reaches people, for the status page: {@code webhook}, {@code app} (Slack's Web API) or {@code log}. */
    default String mode() {
        return "log";
    }

    /** The secrets this receiver holds (a webhook URL), to keep out of every text about its deliveries. */
    default Redactor redactor() {
        return Redactor.NONE;
    }
}
