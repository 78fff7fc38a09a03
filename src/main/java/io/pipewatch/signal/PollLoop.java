package io.pipewatch.signal;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.config.ShutdownOrder;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the poll cycle on its own thread every {@code pipewatch.poll-interval} of the pipeline's
 * clock and tells readers (rules, live dashboards) when fresh data is in the store.
 */
@ApplicationScoped
public class PollLoop implements SourceQueries {

    private final List<SignalPoller> pollers;
    private final Event<SignalsPolled> polled;
    private final long intervalMicros;
    /** Written under the lock by start(); volatile so that the stop reads it without waiting on that lock. */
    private volatile ScheduledExecutorService executor;

    public PollLoop(Instance<MetricSource> sources, SeriesStore store, SeriesDemand demand, ScaledClock clock,
            PipewatchConfig config, MeterRegistry registry, Event<SignalsPolled> polled) {
        this.pollers = sources.stream()
                .sorted(Comparator.comparing(MetricSource::name))
                .map(source -> new SignalPoller(source, store, demand, clock, io.pipewatch.config.Ticker.SYSTEM, config.demo().history(),
                        registry))
                .toList();
        this.polled = polled;
        this.intervalMicros = Math.max(1, (long) (config.pollInterval().toNanos() / 1000 / clock.speed()));
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipewatch-poll");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::cycle, 0, intervalMicros, TimeUnit.MICROSECONDS);
    }

    /**
     * One poll of every source, then the readers, when any source answered, with the latest instant
     * a source is complete to. Rules evaluate each alarm no later than its own series are complete
     * to (CloudWatch's data is minutes behind, the stream tailer's is not).
     */
    public void cycle() {
        try {
            Instant completeTo = null;
            for (SignalPoller poller : pollers) {
                Instant at = poller.pollIfDue();
                if (at != null && (completeTo == null || at.isAfter(completeTo))) {
                    completeTo = at;
                }
            }
            if (completeTo != null) {
                polled.fire(new SignalsPolled(completeTo));
            }
        } catch (RuntimeException e) {
            Log.error("Poll cycle failed", e);
        }
    }

    /** Every source's status, by name. */
    @Override
    public List<SourceStatus> statuses() {
        return pollers.stream().map(SignalPoller::status).toList();
    }

    /**
     * Every source has been polled at least once, successfully or not: the store holds what there
     * is to show, and a source that is down is shown as down rather than taking the pages away.
     */
    @Override
    public boolean allPolled() {
        return pollers.stream().allMatch(p -> p.status().polls() > 0);
    }

    /** The first part to stop: no new cycle, and the one under way finishes (see {@link ShutdownOrder}). */
    void stopPolling(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.INPUTS) ShutdownEvent shutdown) {
        ShutdownOrder.finish(executor);
    }

    @jakarta.annotation.PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
