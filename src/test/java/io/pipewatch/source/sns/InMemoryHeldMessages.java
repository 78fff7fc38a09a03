package io.pipewatch.source.sns;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Held messages in memory, for tests of the drain. */
public final class InMemoryHeldMessages implements HeldMessages {

    private record Kept(String alarmJson, Instant until) {
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryHeldMessages(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void hold(String messageId, String alarmJson, Instant until) {
        kept.put(messageId, new Kept(alarmJson, until));
    }

    @Override
    public synchronized List<Held> held() {
        List<Held> out = new ArrayList<>();
        kept.forEach((id, k) -> {
            if (!k.until().isBefore(clock.instant())) {
                out.add(new Held(id, k.alarmJson()));
            }
        });
        return out;
    }

    @Override
    public synchronized void release(String messageId) {
        kept.remove(messageId);
    }
}
