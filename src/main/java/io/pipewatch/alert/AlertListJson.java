package io.pipewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The body of {@code GET /api/alerts}, written once per change of the alerts rather than once per request: pages and
 * scripts poll it far more often than an evaluation cycle changes it. Kept per tracker version, so a change made while
 * it was being written is never served as current.
 */
@ApplicationScoped
public class AlertListJson {

    private record Written(long version, byte[] json) {
    }

    private final AlertTracker tracker;
    private final ObjectMapper json;
    private volatile Written all;
    private volatile Written active;

    public AlertListJson(AlertTracker tracker, ObjectMapper json) {
        this.tracker = tracker;
        this.json = json;
    }

    /** Every alert, most urgent first; only firing and pending ones when {@code activeOnly}. */
    public byte[] of(boolean activeOnly) throws JsonProcessingException {
        Written kept = activeOnly ? active : all;
        long version = tracker.version();
        if (kept != null && kept.version() == version) {
            return kept.json();
        }
        byte[] written = json.writeValueAsBytes(tracker.all().stream().filter(a -> !activeOnly || a.active()).toList());
        if (tracker.version() == version) {
            if (activeOnly) {
                active = new Written(version, written);
            } else {
                all = new Written(version, written);
            }
        }
        return written;
    }
}
