package io.pipewatch.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.source.MetricSource;
import io.pipewatch.source.SeriesData;
import io.pipewatch.source.SourceException;
import io.pipewatch.source.SourceStatus;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the demanded series from the source into the store, once per cycle. Each read reaches back
 * over {@code reread} so late datapoints fill in (the store merges by timestamp), and after a failed
 * cycle it reaches back to the last success so an outage leaves no gap. A failure is recorded as
 * status and counted, never thrown.
 */
public class SignalPoller {

    private final MetricSource source;
    private final SeriesStore store;
    private final SeriesDemand demand;
    private final Clock clock;
    private final Duration history;
    private final Duration reread;
    private final Counter polls;
    private final Counter errors;
    private final AtomicReference<SourceStatus> status;
    private Instant readUpTo;

    public SignalPoller(MetricSource source, SeriesStore store, SeriesDemand demand, Clock clock,
            Duration history, Duration reread, MeterRegistry registry) {
        this.source = source;
        this.store = store;
        this.demand = demand;
        this.clock = clock;
        this.history = history;
        this.reread = reread;
        this.polls = registry.counter("pipewatch.polls", "source", source.name());
        this.errors = registry.counter("pipewatch.poll.errors", "source", source.name());
        this.status = new AtomicReference<>(SourceStatus.initial(source.name()));
    }

    /** One cycle; returns the instant up to which the source's data is complete, or null when it failed. */
    public synchronized Instant poll() {
        Instant now = clock.instant();
        Instant from = readUpTo == null ? now.minus(history) : readUpTo.minus(reread.compareTo(source.reread()) > 0 ? reread : source.reread());
        long started = System.nanoTime();
        polls.increment();
        try {
            for (SeriesData data : source.read(demand.all(), from, now)) {
                data.points().forEach(p -> store.put(data.key(), p));
            }
            readUpTo = now;
            status.updateAndGet(s -> s.succeeded(now, elapsedMillis(started), source.notes()));
            return now.minus(source.dataDelay());
        } catch (SourceException | RuntimeException e) {
            errors.increment();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            status.updateAndGet(s -> s.failed(now, message, elapsedMillis(started), source.notes()));
            Log.warnf("Polling %s failed: %s", source.name(), message);
            return null;
        }
    }

    public SourceStatus status() {
        return status.get();
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
