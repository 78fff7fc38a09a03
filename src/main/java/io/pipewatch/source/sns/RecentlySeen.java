package io.pipewatch.source.sns;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SNS message ids handled lately, in memory, in front of the durable ones: SNS redelivers a message it thinks was
 * lost, often within seconds, and a storm of retries must not cost a store read each. Only a hit is answered here; a
 * miss asks the store (another replica, or the previous run, may have handled it). Bounded: the oldest ids are
 * forgotten first, and the store still knows them.
 */
final class RecentlySeen implements SeenMessages {

    static final int KEPT = 50_000;

    private final SeenMessages store;
    private final java.time.Clock clock;
    private final Map<String, Instant> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > KEPT;
        }
    };

    RecentlySeen(SeenMessages store, java.time.Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean seen(String messageId) {
        return seenRecently(messageId) || store.seen(messageId);
    }

    /** Whether the id is among those handled lately, without asking the store. */
    boolean seenRecently(String messageId) {
        synchronized (recent) {
            Instant until = recent.get(messageId);
            return until != null && !until.isBefore(clock.instant());
        }
    }

    /** Remembered here only once the store has it: a repeat answered from memory is a repeat the store would confirm. */
    @Override
    public void remember(String messageId, Instant until) {
        store.remember(messageId, until);
        synchronized (recent) {
            recent.put(messageId, until);
        }
    }

    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
