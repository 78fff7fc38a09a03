package io.pipewatch.signal;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.source.MetricSource;
import io.pipewatch.source.SourceStatus;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the poll cycle on its own thread every {@code pipewatch.poll-interval} of the pipeline's
 * clock and tells readers (rules, live dashboards) when fresh data is in the store.
 */
@ApplicationScoped
public class PollLoop {

    private static final Duration REREAD = Duration.ofMinutes(2);

    private final SignalPoller poller;
    private final Event<SignalsPolled> polled;
    private final long intervalMicros;
    private ScheduledExecutorService executor;

    public PollLoop(MetricSource source, SeriesStore store, SeriesDemand demand, ScaledClock clock,
            PipewatchConfig config, MeterRegistry registry, Event<SignalsPolled> polled) {
        this.poller = new SignalPoller(source, store, demand, clock, config.demo().history(), REREAD, registry);
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

    /** One poll followed by the readers; public so tests can drive cycles without waiting. */
    public void cycle() {
        try {
            var at = poller.poll();
            if (at != null) {
                polled.fire(new SignalsPolled(at));
            }
        } catch (RuntimeException e) {
            Log.error("Poll cycle failed", e);
        }
    }

    public SourceStatus status() {
        return poller.status();
    }

    @jakarta.annotation.PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
