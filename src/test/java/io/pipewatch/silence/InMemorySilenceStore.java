package io.pipewatch.silence;

import io.pipewatch.testing.InMemoryDocuments;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The silence store port in memory; {@link SilenceStoreContract} holds it to the state table's behaviour. */
public final class InMemorySilenceStore implements SilenceStore {

    private final InMemoryDocuments<Silence> silences;

    public InMemorySilenceStore(Clock clock) {
        this.silences = new InMemoryDocuments<>(clock);
    }

    @Override
    public void save(Silence silence, Instant forgetAfter) {
        silences.put(silence.id(), silence, forgetAfter);
    }

    @Override
    public List<Silence> load() {
        return silences.live();
    }
}
