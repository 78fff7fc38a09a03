package io.pipewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of state document ({@link Documents}), as JSON: what the stores of alerts and silences
 * share. A stored document that cannot be read (an older format) is logged and skipped, never fatal.
 */
final class JsonDocuments<T> {

    private final Documents table;
    private final ObjectMapper json;
    private final String kind;
    private final Class<T> type;

    JsonDocuments(Documents table, ObjectMapper json, String kind, Class<T> type) {
        this.table = table;
        this.json = json;
        this.kind = kind;
        this.type = type;
    }

    /** @param expires when it may be forgotten; null for never */
    void put(String id, T document, Instant expires) {
        table.put(kind, id, encoded(id, document), expires);
    }

    /** {@link Documents#putInOrder}: handed in now, durable when the future completes. */
    CompletableFuture<Void> putInOrder(String id, T document, Instant expires) {
        return table.putInOrder(kind, id, encoded(id, document), expires);
    }

    private String encoded(String id, T document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + kind + " " + id, e);
        }
    }

    List<T> all() {
        List<T> out = new ArrayList<>();
        table.all(kind).forEach((id, doc) -> {
            try {
                out.add(json.readValue(doc, type));
            } catch (JsonProcessingException e) {
                Log.warnf("Ignoring stored %s %s: %s", kind, id, e.getOriginalMessage());
            }
        });
        return out;
    }
}
