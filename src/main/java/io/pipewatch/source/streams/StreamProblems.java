package io.pipewatch.source.streams;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with tailing one table, as status lines: conditions that hold until cleared (no
 * stream) and events that are counted (unreadable timestamps, expired iterators), each with its
 * latest message.
 */
final class StreamProblems {

    private final String table;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    StreamProblems(String table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** A standing condition, replaced by the next {@code set} of the same kind or removed by {@code clear}. */
    synchronized void set(String kind, String message) {
        entries.put(kind, new Entry(message, 0, clock.instant()));
    }

    synchronized void clear(String kind) {
        entries.remove(kind);
    }

    /** An event: counted, with its latest message. */
    synchronized void note(String kind, String message) {
        Entry e = entries.get(kind);
        entries.put(kind, new Entry(message, (e == null ? 0 : e.count) + 1, clock.instant()));
    }

    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            out.add(table + ": " + (e.count > 0 ? e.count + " × " : "") + e.message + " (last " + e.at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
        }
        return out;
    }

    private record Entry(String message, long count, Instant at) {
    }
}
