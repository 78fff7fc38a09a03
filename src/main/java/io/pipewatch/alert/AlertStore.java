package io.pipewatch.alert;

import java.util.List;

/**
 * Port: alerts kept across restarts, so an incident that spans a restart neither fires again nor is
 * forgotten, and an acknowledgement survives. Implemented on the state table in {@code store}.
 */
public interface AlertStore {

    /** Writes the alert over its earlier state; @throws RuntimeException when the store is unavailable */
    void save(Alert alert);

    /** Every stored alert; one that cannot be read (an older format) is logged and skipped. */
    List<Alert> load();
}
