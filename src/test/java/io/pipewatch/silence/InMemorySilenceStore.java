package io.pipewatch.silence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The silence store port in memory; {@link SilenceStoreContract} holds it to the state table's behaviour. */
public final class InMemorySilenceStore implements SilenceStore {

    private record Kept(Silence silence, Instant forgetAfter) {
    }

    private final Clock clock;
    private final Map<String, Kept> silences = new ConcurrentHashMap<>();

    public InMemorySilenceStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(Silence silence, Instant forgetAfter) {
        silences.put(silence.id(), new Kept(silence, forgetAfter));
    }

    @Override
    public List<Silence> load() {
        return silences.values().stream().filter(k -> !k.forgetAfter().isBefore(clock.instant())).map(Kept::silence).toList();
    }
}
