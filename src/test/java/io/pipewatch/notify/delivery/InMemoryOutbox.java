package io.pipewatch.notify.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The outbox port in memory, for tests of what uses it; {@link OutboxContract} holds it to the DynamoDB one's behaviour. */
public class InMemoryOutbox implements Outbox {

    private record Stored(Entry entry, String refusal, java.time.Instant forgetAfter) {
    }

    private final Clock clock;
    private final Map<String, TreeMap<Long, Stored>> queues = new HashMap<>();
    private final Set<String> keys = new HashSet<>();
    private final Map<String, LogRecord> log = new HashMap<>();
    private final Map<String, Conversation> conversations = new HashMap<>();

    public InMemoryOutbox(Clock clock) {
        this.clock = clock;
    }

    private boolean fenced;

    /** From now on, as when another replica took the lease: adds and claims are refused. */
    public synchronized void fenceOff() {
        fenced = true;
    }

    @Override
    public synchronized void claim(Entry entry) {
        if (fenced) {
            throw new Fenced("another replica leads");
        }
        claims.add(entry.key());
    }

    private final java.util.List<String> claims = new java.util.ArrayList<>();

    /** The keys claimed for a send, in order. */
    public synchronized java.util.List<String> claims() {
        return java.util.List.copyOf(claims);
    }

    @Override
    public synchronized boolean add(Entry entry, LogRecord record) {
        if (fenced) {
            throw new Fenced("another replica leads");
        }
        if (!keys.add(entry.receiver() + "\n" + entry.key())) {
            return false;
        }
        queues.computeIfAbsent(entry.receiver(), r -> new TreeMap<>()).put(entry.seq(), new Stored(entry, null, null));
        if (record != null) {
            log.put(record.groupKey(), record);
        }
        return true;
    }

    @Override
    public synchronized List<Entry> pending(String receiver) {
        return queue(receiver).values().stream().filter(s -> s.refusal() == null).map(Stored::entry).toList();
    }

    @Override
    public synchronized List<Refusal> refusals(String receiver) {
        return queue(receiver).values().stream()
                .filter(s -> s.refusal() != null && !s.forgetAfter().isBefore(clock.instant()))
                .map(s -> new Refusal(s.entry(), s.refusal())).toList();
    }

    @Override
    public synchronized void attempted(Entry entry, int attempts) {
        queue(entry.receiver()).computeIfPresent(entry.seq(), (seq, s) -> new Stored(new Entry(s.entry().receiver(),
                seq, s.entry().key(), s.entry().payload(), attempts), s.refusal(), s.forgetAfter()));
    }

    @Override
    public synchronized void delivered(Entry entry) {
        queue(entry.receiver()).remove(entry.seq());
    }

    @Override
    public synchronized void delivered(Entry entry, Conversation conversation) {
        queue(entry.receiver()).remove(entry.seq());
        conversations.put(conversation.receiver() + "#" + conversation.key(), conversation);
    }

    @Override
    public synchronized java.util.Optional<String> conversation(String receiver, String key) {
        return java.util.Optional.ofNullable(conversations.get(receiver + "#" + key))
                .filter(c -> c.expires() == null || !c.expires().isBefore(clock.instant())).map(Conversation::document);
    }

    @Override
    public synchronized void refused(Entry entry, String reason) {
        queue(entry.receiver()).computeIfPresent(entry.seq(),
                (seq, s) -> new Stored(s.entry(), reason, clock.instant().plus(REFUSAL_KEPT)));
    }

    @Override
    public synchronized Map<String, String> notificationLog() {
        Map<String, String> out = new HashMap<>();
        log.values().stream().filter(r -> r.expires() == null || !r.expires().isBefore(clock.instant()))
                .forEach(r -> out.put(r.groupKey(), r.document()));
        return out;
    }

    private TreeMap<Long, Stored> queue(String receiver) {
        return queues.getOrDefault(receiver, new TreeMap<>());
    }

    /** Every entry, waiting or refused, of every receiver: for tests that count what was kept. */
    public synchronized List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        queues.values().forEach(q -> q.values().forEach(s -> out.add(s.entry())));
        return out;
    }
}
