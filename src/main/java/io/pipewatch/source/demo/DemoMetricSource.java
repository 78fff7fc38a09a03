package io.pipewatch.source.demo;

import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.config.ShutdownOrder;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.MetricSource;
import io.pipewatch.signal.SeriesData;
import io.pipewatch.signal.SeriesKey;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The embedded default source: answers reads the way CloudWatch would, from a simulated pipeline
 * that it advances to the time asked for. History before start is simulated too (calm), so charts
 * are full at once; from start on, the pipeline also writes its table in DynamoDB Local.
 */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "demo", lookupIfMissing = true)
public class DemoMetricSource implements MetricSource {

    private static final Duration KEEP = Duration.ofHours(1);

    private final DemoPipeline pipeline;
    private final ImpressionTableWriter writer;
    private final Instant liveFrom;
    private final NavigableMap<Instant, DemoStep> history = new TreeMap<>();
    private Instant simulatedUpTo;

    public DemoMetricSource(PipewatchConfig config, ScaledClock clock, DynamoDbClients dynamoDb) {
        Instant now = clock.instant();
        this.pipeline = new DemoPipeline(IncidentTimeline.startingAt(now), config.demo().dayLength(), config.demo().seed(), config.demo().table());
        this.writer = new ImpressionTableWriter(dynamoDb, config.demo().table(),
                java.time.Duration.ofNanos((long) (config.pollInterval().toNanos() / clock.speed())));
        this.liveFrom = now;
        long step = DemoPipeline.STEP.toMillis();
        this.simulatedUpTo = Instant.ofEpochMilli(Math.floorDiv(now.minus(config.demo().history()).toEpochMilli(), step) * step);
    }

    @Override
    public boolean serves(SeriesKey key) {
        return !key.metric().measuredByPipewatch();
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public synchronized List<SeriesData> read(Set<SeriesKey> wanted, Instant from, Instant to) {
        advanceTo(to);
        var steps = history.subMap(from, true, to, false).values();
        List<SeriesData> out = new ArrayList<>();
        for (SeriesKey key : wanted) {
            List<Datapoint> points = new ArrayList<>();
            for (DemoStep step : steps) {
                Double v = step.value(key);
                if (v != null) {
                    points.add(new Datapoint(step.at(), v));
                }
            }
            if (!points.isEmpty()) {
                out.add(new SeriesData(key, points));
            }
        }
        return out;
    }

    /** Simulates every complete step up to {@code to}: a step is published once it has ended. */
    private void advanceTo(Instant to) {
        while (!simulatedUpTo.plus(DemoPipeline.STEP).isAfter(to)) {
            boolean live = !simulatedUpTo.isBefore(liveFrom);
            DemoStep step = pipeline.step(simulatedUpTo, live);
            history.put(step.at(), step);
            writer.write(step.impressions());
            simulatedUpTo = simulatedUpTo.plus(DemoPipeline.STEP);
        }
        history.headMap(to.minus(KEEP)).clear();
    }

    /** Stops with the inputs, before DynamoDB Local it writes to (see {@link ShutdownOrder}). */
    void stopWriting(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.INPUTS) ShutdownEvent shutdown) {
        close();
    }

    @PreDestroy
    public void close() {
        writer.close();
    }
}
