package io.pipewatch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The alert store on the state documents ({@link Documents}: the DynamoDB table or the journal): one JSON document per alert, kind {@code alert}, kept until replaced. */
@ApplicationScoped
public class StateTableAlertStore implements AlertStore {

    private final JsonDocuments<Alert> alerts;

    public StateTableAlertStore(Documents table, ObjectMapper json) {
        this.alerts = new JsonDocuments<>(table, json, "alert", Alert.class);
    }

    @Override
    public void save(Alert alert) {
        alerts.put(alert.id(), alert, null);
    }

    @Override
    public List<Alert> load() {
        return alerts.all();
    }
}
