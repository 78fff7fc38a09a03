package io.pipewatch.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the demanded series from the source into the store, once per cycle. Each read reaches back
 * over the source's {@code reread()} so late datapoints fill in (the store merges by timestamp), and after a failed
 * cycle it reaches back to the last success so an outage leaves no gap. A failure is recorded as
 * status and counted, never thrown.
 */
public class SignalPoller {

    private final MetricSource source;
    private final SeriesStore store;
    private final SeriesDemand demand;
    private final Clock clock;
    private final Duration history;
    private final Counter polls;
    private final Counter errors;
    private final AtomicReference<SourceStatus> status;
    private final SeriesKey pollFailed;
    private final io.pipewatch.config.Ticker ticker;
    private Instant readUpTo;
    private Instant completeTo;
    private Instant nextPoll = Instant.MIN;

    /** @param ticker elapsed time, for how long a poll took (the status page shows it) */
    public SignalPoller(MetricSource source, SeriesStore store, SeriesDemand demand, Clock clock, io.pipewatch.config.Ticker ticker,
            Duration history, MeterRegistry registry) {
        this.ticker = ticker;
        this.source = source;
        this.store = store;
        this.demand = demand;
        this.clock = clock;
        this.history = history;
        this.polls = registry.counter("pipewatch.polls", "source", source.name());
        this.errors = registry.counter("pipewatch.poll.errors", "source", source.name());
        this.status = new AtomicReference<>(SourceStatus.initial(source.name()));
        this.pollFailed = pollFailedSeries(source.name());
    }

    /**
     * Polls the source when its interval has passed. Returns the instant up to which its data is
     * complete (also when it was not due), or null when it failed or has never answered.
     */
    public synchronized Instant pollIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPoll)) {
            return completeTo;
        }
        Duration interval = source.pollInterval();
        nextPoll = interval == null ? Instant.MIN : now.plus(interval);
        return poll();
    }

    /** One cycle; returns the instant up to which the source's data is complete, or null when it failed. */
    public synchronized Instant poll() {
        Instant now = clock.instant();
        Duration firstRead = source.backfill() != null && source.backfill().compareTo(history) > 0 ? source.backfill() : history;
        Instant from = readUpTo == null ? now.minus(firstRead) : readUpTo.minus(source.reread());
        long started = ticker.nanoTime();
        polls.increment();
        try {
            Instant complete = now.minus(source.dataDelay());
            Set<SeriesKey> served = demand.all().stream().filter(source::serves).collect(Collectors.toSet());
            for (SeriesData data : source.read(served, from, now)) {
                data.points().forEach(p -> store.put(data.key(), p));
            }
            // Also the series that came back empty: a metric that stopped is missing data from here on.
            served.forEach(key -> store.markComplete(key, complete));
            readUpTo = now;
            store.put(pollFailed, new Datapoint(now, 0));
            status.updateAndGet(s -> s.succeeded(now, elapsedMillis(started), source.notes(), source.cost().orElse(null)));
            completeTo = complete;
            return completeTo;
        } catch (SourceException | RuntimeException e) {
            errors.increment();
            store.put(pollFailed, new Datapoint(now, 1));
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            status.updateAndGet(s -> s.failed(now, message, elapsedMillis(started), source.notes(), source.cost().orElse(null)));
            Log.warnf("Polling %s failed: %s", source.name(), message);
            completeTo = null;
            return null;
        }
    }

    /**
     * Pipewatch's own series of failed polls of a source (1 failed, 0 answered), so that a source
     * being unavailable can itself alert: {@code Pipewatch/Sources PollFailed{Source=<name>}:Sum}.
     */
    public static SeriesKey pollFailedSeries(String source) {
        return new SeriesKey(MetricId.of("Pipewatch/Sources", "PollFailed", java.util.Map.of("Source", source)), "Sum");
    }

    public SourceStatus status() {
        return status.get();
    }

    private long elapsedMillis(long startedNanos) {
        return (ticker.nanoTime() - startedNanos) / 1_000_000;
    }
}
