package io.pipewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.notify.delivery.Outbox;
import io.pipewatch.store.journal.Journal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox of the embedded default, in its journal beside the other documents: a receiver's entries are documents
 * of kind {@code outbox:<receiver>} ordered by their zero-padded sequence, its idempotency keys documents of kind
 * {@code outbox-key:<receiver>}, and an entry, its key and the group's notification log are one record of the journal,
 * so they survive a crash together or not at all. One process owns a journal, so there is no lease to check: a
 * journal's outbox is never fenced.
 */
public class JournalOutbox implements Outbox {

    private static final String FAILED = "failed";

    /** An entry as kept: what {@link Entry} holds beside its queue and place, and a refusal's status and reason. */
    record Row(String key, String payload, int attempts, String status, String reason) {
    }

    private final Journal journal;
    private final Clock clock;
    /** Rows are our own five fields: no module of the application's mapper is needed. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param clock wall time, for when settled entries may be forgotten */
    public JournalOutbox(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /** Checks the key and writes under one lock: two adds of one key never both pass the check. */
    @Override
    public synchronized boolean add(Entry entry, LogRecord log) {
        if (journal.get(keys(entry.receiver()), entry.key()).isPresent()) {
            return false;
        }
        List<Journal.Change> changes = new ArrayList<>(List.of(keyChange(entry.receiver(), entry.key(), after(DynamoDbOutbox.KEY_KEPT)),
                entryChange(entry.receiver(), entry.seq(), new Row(entry.key(), entry.payload(), entry.attempts(), null, null),
                        Journal.NEVER)));
        if (log != null) {
            changes.add(JournalDocuments.change(DynamoDbOutbox.LOG_KIND, log.groupKey(), log.document(), log.expires()));
        }
        journal.commitNow(changes);
        return true;
    }

    /** Nothing to check: no other replica can reach this journal. */
    @Override
    public void claim(Entry entry) {
    }

    @Override
    public List<Entry> pending(String receiver) {
        List<Entry> out = new ArrayList<>();
        rows(receiver).forEach((seq, row) -> {
            if (row.status() == null) {
                out.add(entry(receiver, seq, row));
            }
        });
        return out;
    }

    @Override
    public List<Refusal> refusals(String receiver) {
        List<Refusal> out = new ArrayList<>();
        rows(receiver).forEach((seq, row) -> {
            if (FAILED.equals(row.status())) {
                out.add(new Refusal(entry(receiver, seq, row), row.reason() == null ? "" : row.reason()));
            }
        });
        return out;
    }

    @Override
    public synchronized void attempted(Entry entry, int attempts) {
        row(entry).ifPresent(row -> journal.commitNow(List.of(entryChange(entry.receiver(), entry.seq(),
                new Row(row.key(), row.payload(), attempts, row.status(), row.reason()), Journal.NEVER))));
    }

    @Override
    public synchronized void delivered(Entry entry) {
        journal.commitNow(List.of(new Journal.Delete(queue(entry.receiver()), DynamoDbOutbox.seq(entry.seq()))));
    }

    @Override
    public synchronized void delivered(Entry entry, Conversation conversation) {
        journal.commitNow(List.of(new Journal.Delete(queue(entry.receiver()), DynamoDbOutbox.seq(entry.seq())),
                JournalDocuments.change(DynamoDbOutbox.CONVERSATION_KIND, DynamoDbOutbox.conversationId(conversation.receiver(), conversation.key()),
                        conversation.document(), conversation.expires())));
    }

    @Override
    public Optional<String> conversation(String receiver, String key) {
        return journal.get(DynamoDbOutbox.CONVERSATION_KIND, DynamoDbOutbox.conversationId(receiver, key));
    }

    @Override
    public synchronized void refused(Entry entry, String reason) {
        row(entry).ifPresent(row -> journal.commitNow(List.of(entryChange(entry.receiver(), entry.seq(),
                new Row(row.key(), row.payload(), row.attempts(), FAILED, reason), after(REFUSAL_KEPT)))));
    }

    @Override
    public Map<String, String> notificationLog() {
        return journal.all(DynamoDbOutbox.LOG_KIND);
    }

    private Map<String, Row> rows(String receiver) {
        Map<String, Row> out = new java.util.LinkedHashMap<>();
        journal.all(queue(receiver)).forEach((seq, document) -> out.put(seq, decoded(document)));
        return out;
    }

    private Optional<Row> row(Entry entry) {
        return journal.get(queue(entry.receiver()), DynamoDbOutbox.seq(entry.seq())).map(this::decoded);
    }

    private static Entry entry(String receiver, String seq, Row row) {
        return new Entry(receiver, Long.parseLong(seq), row.key(), row.payload(), row.attempts());
    }

    /** The write of an entry as kept: the key's marker goes with it when it is added. */
    static Journal.Put entryChange(String receiver, long seq, Row row, long expiresAt) {
        return new Journal.Put(queue(receiver), DynamoDbOutbox.seq(seq), encoded(row), expiresAt);
    }

    static Journal.Put keyChange(String receiver, String key, long expiresAt) {
        return new Journal.Put(keys(receiver), key, "{}", expiresAt);
    }

    private static String encoded(Row row) {
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the outbox entry " + row.key(), e);
        }
    }

    private Row decoded(String document) {
        try {
            return JSON.readValue(document, Row.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox entry: " + e.getOriginalMessage(), e);
        }
    }

    private long after(java.time.Duration kept) {
        return clock.instant().plus(kept).getEpochSecond();
    }

    private static String queue(String receiver) {
        return "outbox:" + receiver;
    }

    private static String keys(String receiver) {
        return "outbox-key:" + receiver;
    }
}
