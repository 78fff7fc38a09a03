package io.pipewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.silence.Silence;
import io.pipewatch.silence.SilenceStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The silence store on the state table: one JSON document per silence, kind {@code silence}, expiring when forgotten. */
@ApplicationScoped
public class StateTableSilenceStore implements SilenceStore {

    private static final String KIND = "silence";

    private final StateTable table;
    private final ObjectMapper json;

    public StateTableSilenceStore(StateTable table, ObjectMapper json) {
        this.table = table;
        this.json = json;
    }

    @Override
    public void save(Silence silence, Instant forgetAfter) {
        try {
            table.put(KIND, silence.id(), json.writeValueAsString(silence), forgetAfter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode silence " + silence.id(), e);
        }
    }

    @Override
    public List<Silence> load() {
        List<Silence> out = new ArrayList<>();
        table.all(KIND).forEach((key, doc) -> {
            try {
                out.add(json.readValue(doc, Silence.class));
            } catch (JsonProcessingException e) {
                Log.warnf("Ignoring stored silence %s: %s", key, e.getOriginalMessage());
            }
        });
        return out;
    }
}
