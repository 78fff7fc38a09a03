package io.pipewatch.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The alert store port in memory; {@link AlertStoreContract} holds it to the state table's behaviour. */
public final class InMemoryAlertStore implements AlertStore {

    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();

    @Override
    public void save(Alert alert) {
        alerts.put(alert.id(), alert);
    }

    @Override
    public List<Alert> load() {
        return new ArrayList<>(alerts.values());
    }
}
