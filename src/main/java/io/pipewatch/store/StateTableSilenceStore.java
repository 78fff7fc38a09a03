package io.pipewatch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.silence.Silence;
import io.pipewatch.silence.SilenceStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The silence store on the state documents ({@link Documents}): one JSON document per silence, kind {@code silence}, expiring when forgotten. */
@ApplicationScoped
public class StateTableSilenceStore implements SilenceStore {

    private final JsonDocuments<Silence> silences;

    public StateTableSilenceStore(Documents table, ObjectMapper json) {
        this.silences = new JsonDocuments<>(table, json, "silence", Silence.class);
    }

    @Override
    public void save(Silence silence, Instant forgetAfter) {
        silences.put(silence.id(), silence, forgetAfter);
    }

    @Override
    public List<Silence> load() {
        return silences.all();
    }
}
