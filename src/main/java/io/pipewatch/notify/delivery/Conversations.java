package io.pipewatch.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.notify.DeliveryException;
import io.pipewatch.notify.PostedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which message an editing receiver keeps for each conversation (a group: with the default route, an incident). What
 * this process recorded is read from memory first, since its outbox write may still be waiting for a store that is
 * down; anything else from the outbox. When neither can say, delivery waits: posting without knowing would make a
 * second message for the same incident, which is what this receiver exists to avoid.
 */
final class Conversations {

    /** Conversations remembered in memory; older ones are read from the store again. */
    static final int CACHED = 5_000;
    /** A message that tells of nothing firing any more is kept this long, for late acknowledgements and reopenings. */
    static final Duration SETTLED_KEPT = Duration.ofDays(7);

    private final String receiver;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Map<String, PostedMessage> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PostedMessage> eldest) {
            return size() > CACHED;
        }
    };

    Conversations(String receiver, Outbox outbox, ObjectMapper json) {
        this.receiver = receiver;
        this.outbox = outbox;
        this.json = json;
    }

    /** @throws DeliveryException (retryable) when the store cannot say whether a message was posted */
    synchronized Optional<PostedMessage> of(String key) throws DeliveryException {
        PostedMessage known = recent.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> stored;
        try {
            stored = outbox.conversation(receiver, key);
        } catch (RuntimeException storeDown) {
            throw new DeliveryException("cannot read which message this conversation has (store unavailable: "
                    + storeDown.getClass().getSimpleName() + "); waiting rather than posting a second one", true);
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored.get(), PostedMessage.class));
        } catch (JsonProcessingException unreadable) {
            // Written by a later version, or damaged: a new message is better than none.
            return Optional.empty();
        }
    }

    /** The message as it now stands, remembered here and returned as the record to write with the delivery. */
    synchronized Outbox.Conversation remember(String key, PostedMessage message, Instant now) {
        recent.put(key, message);
        String document;
        try {
            document = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a posted message", e);
        }
        return new Outbox.Conversation(receiver, key, document, message.open() ? null : now.plus(SETTLED_KEPT));
    }
}
