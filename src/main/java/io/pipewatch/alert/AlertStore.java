package io.pipewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.store.StateTable;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts kept across restarts (kind {@code alert} in the state table), so an incident that spans a
 * restart neither fires again nor is forgotten, and an acknowledgement survives.
 */
@ApplicationScoped
public class AlertStore {

    private static final String KIND = "alert";

    private final StateTable table;
    private final ObjectMapper json;

    public AlertStore(StateTable table, ObjectMapper json) {
        this.table = table;
        this.json = json;
    }

    /** @throws RuntimeException when the store is unavailable */
    public void save(Alert alert) {
        try {
            table.put(KIND, alert.id(), json.writeValueAsString(alert), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode alert " + alert.id(), e);
        }
    }

    /** Every stored alert; one that cannot be read (an older format) is logged and skipped. */
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
