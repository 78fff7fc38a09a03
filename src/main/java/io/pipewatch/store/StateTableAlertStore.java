package io.pipewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The alert store on the state table: one JSON document per alert, kind {@code alert}. */
@ApplicationScoped
public class StateTableAlertStore implements AlertStore {

    private static final String KIND = "alert";

    private final StateTable table;
    private final ObjectMapper json;

    public StateTableAlertStore(StateTable table, ObjectMapper json) {
        this.table = table;
        this.json = json;
    }

    @Override
    public void save(Alert alert) {
        try {
            table.put(KIND, alert.id(), json.writeValueAsString(alert), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode alert " + alert.id(), e);
        }
    }

    @Override
    public List<Alert> load() {
        List<Alert> out = new ArrayList<>();
        table.all(KIND).forEach((key, doc) -> {
            try {
                out.add(json.readValue(doc, Alert.class));
            } catch (JsonProcessingException e) {
                Log.warnf("Ignoring stored alert %s: %s", key, e.getOriginalMessage());
            }
        });
        return out;
    }
}
