package io.pipewatch.notify;

import java.util.Optional;

/**
 * A receiver that keeps one message per conversation and edits it as the conversation goes on, with each change told
 * in the message's thread (Slack's Web API), rather than posting a message per change (an incoming webhook). Delivery
 * hands it the message it left last time for the same conversation and records the one it returns.
 */
public interface EditingNotifier extends Notifier {

    /**
     * Posts the conversation's message, or edits the one posted before and tells the change in its thread.
     *
     * @param earlier what this receiver returned last time for the same conversation, if anything
     * @return the message as it now stands
     * @throws DeliveryException as {@link Notifier#deliver(GroupNotification)}; nothing is recorded then
     */
    PostedMessage deliver(GroupNotification notification, Optional<PostedMessage> earlier) throws DeliveryException;

    @Override
    default void deliver(GroupNotification notification) throws DeliveryException {
        deliver(notification, Optional.empty());
    }

    @Override
    default String mode() {
        return "app";
    }
}
