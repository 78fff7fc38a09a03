package io.pipewatch.source.sns;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The SNS message-id port in memory; {@link SeenMessagesContract} holds it to the state table's behaviour. */
public final class InMemorySeenMessages implements SeenMessages {

    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public InMemorySeenMessages(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean seen(String messageId) {
        Instant kept = until.get(messageId);
        return kept != null && !kept.isBefore(clock.instant());
    }

    @Override
    public void remember(String messageId, Instant keptUntil) {
        until.put(messageId, keptUntil);
    }
}
