package io.pipewatch.store;

import io.pipewatch.store.journal.Journal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The documents of the embedded default, in its journal: a write is one record, durable when its batch is forced. */
public class JournalDocuments implements Documents {

    private final Journal journal;

    public JournalDocuments(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void put(String kind, String id, String json, Instant expires) {
        journal.commitNow(List.of(change(kind, id, json, expires)));
    }

    @Override
    public CompletableFuture<Void> putInOrder(String kind, String id, String json, Instant expires) {
        return journal.commit(List.of(change(kind, id, json, expires)));
    }

    /** The change a put makes, for commits of several documents at once. */
    static Journal.Put change(String kind, String id, String json, Instant expires) {
        return new Journal.Put(kind, id, json, expires == null ? Journal.NEVER : expires.getEpochSecond());
    }

    @Override
    public Optional<String> get(String kind, String id) {
        return journal.get(kind, id);
    }

    @Override
    public void delete(String kind, String id) {
        journal.commitNow(List.of(new Journal.Delete(kind, id)));
    }

    @Override
    public Map<String, String> all(String kind) {
        return journal.all(kind);
    }
}
