package io.pipewatch.source.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.config.ShutdownOrder;
import io.pipewatch.config.Ticker;
import io.pipewatch.signal.MetricSource;
import io.pipewatch.signal.SeriesData;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.StreamMetrics;
import io.quarkus.logging.Log;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * Stream saturation as a metric source: tails the configured tables' DynamoDB Streams on a thread
 * of its own (started by the first poll) and answers reads with the per-period record ages it
 * measured. No CloudWatch metric shows how far behind now the records being written are; this does.
 */
@ApplicationScoped
public class StreamSaturationSource implements MetricSource {

    /** The demo table's own bucket time, in epoch seconds. */
    static final String DEMO_TIMESTAMP_ATTRIBUTE = "bucketTime";

    private final ScaledClock clock;
    private final DynamoDbClients clients;
    private final Checkpoints checkpoints;
    private final MeterRegistry registry;
    private final List<String> names;
    /** In demo mode, the demo's table: replaced at each run's start, so an earlier run's copy is not tailed. */
    private final Optional<String> demoTable;
    private final StreamTailer.Settings settings;
    private final Duration threshold;
    private final PipewatchConfig.Streams.Publish publish;
    private final StreamProblems publishProblems;
    private volatile List<Table> tables = List.of();
    /**
     * Set at stop. The interrupt alone is not enough: an SDK call that is interrupted answers with an
     * exception and clears the flag, and the loop would then spin on closed clients for good.
     */
    private volatile boolean stopping;
    private Thread thread;

    record Table(String name, StreamTailer tailer, SaturationPeriods periods, StreamProblems problems) {
    }

    public StreamSaturationSource(PipewatchConfig config, DynamoDbClients clients, Checkpoints checkpoints,
            ScaledClock clock, MeterRegistry registry) {
        this.clock = clock;
        this.clients = clients;
        this.checkpoints = checkpoints;
        this.registry = registry;
        var streamsConfig = config.streams();
        boolean demo = config.mode() == PipewatchConfig.Mode.DEMO;
        this.names = streamsConfig.tables().orElse(demo ? List.of(config.demo().table()) : List.of());
        this.demoTable = demo ? Optional.of(config.demo().table()) : Optional.empty();
        Optional<String> attribute = streamsConfig.timestampAttribute()
                .or(() -> demo ? Optional.of(DEMO_TIMESTAMP_ATTRIBUTE) : Optional.empty());
        this.settings = new StreamTailer.Settings(attribute.orElse(null), streamsConfig.pollInterval(),
                streamsConfig.catchUpInterval(), streamsConfig.idleBackoff(), streamsConfig.shardRefresh(),
                ShardIteratorType.fromValue(streamsConfig.initialPosition().name()));
        this.threshold = streamsConfig.saturationThreshold();
        this.publish = streamsConfig.publish();
        this.publishProblems = new StreamProblems("CloudWatch " + publish.namespace(), clock);
    }

    /** Pipewatch's own series (namespace {@code Pipewatch/…}) are not to answer. */
    @Override
    public boolean serves(SeriesKey key) {
        return key.metric().namespace().equals(StreamMetrics.NAMESPACE);
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public List<SeriesData> read(Set<SeriesKey> wanted, Instant from, Instant to) {
        startTailing();
        List<SeriesData> out = new ArrayList<>();
        var now = clock.instant();
        for (Table table : tables) {
            table.periods().completed(from, to, now).forEach((key, points) -> {
                if (wanted.contains(key)) {
                    out.add(new SeriesData(key, points));
                }
            });
        }
        return out;
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>(tables.stream().flatMap(t -> t.problems().lines().stream()).toList());
        notes.addAll(publishProblems.lines());
        return notes;
    }

    private synchronized void startTailing() {
        if (thread != null || names.isEmpty()) {
            return;
        }
        thread = new Thread(this::tail, "pipewatch-streams");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * One thread reads every table's shards in turn: one reader per shard, never two. It begins at the first
     * poll, on a thread of its own, so connecting to the store stays off the start-up path. It used to wait two
     * poll intervals more (for the demo, which creates its table one interval after start), and a first start
     * then opened LATEST: what was written in those seconds was never counted (issue 17). It need not wait: a
     * table that is missing or an earlier demo run's when the tailer first looks is read from its start once it
     * appears, so the demo's first records are counted either way.
     */
    private void tail() {
        try {
            List<Table> built = new ArrayList<>();
            var runStart = clients.embeddedStartedAt();
            for (String name : names) {
                var periods = new SaturationPeriods(name, threshold);
                var problems = new StreamProblems(name, clock);
                var tableSettings = demoTable.filter(name::equals).isPresent() && runStart.isPresent()
                        ? settings.createdFrom(runStart.get()) : settings;
                built.add(new Table(name, new StreamTailer(name, clients.dynamoDb(), clients.streams(), checkpoints,
                        clock, tableSettings, periods, problems, registry), periods, problems));
            }
            tables = List.copyOf(built);
        } catch (RuntimeException e) {
            Log.errorf("Cannot start tailing streams: %s", e.getMessage());
            return;
        }
        SaturationPublisher publisher = publish.enabled()
                ? new SaturationPublisher(CloudWatchClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build(),
                        publish.namespace(), clock)
                : null;
        Instant nextPublish = clock.instant().plus(publish.interval());
        long pauseMicros = Math.max(1_000, (long) (Duration.ofMillis(50).toNanos() / 1000 / clock.speed()));
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            if (publisher != null && !clock.instant().isBefore(nextPublish)) {
                publisher.publish(tables.stream().map(Table::periods).toList(), publishProblems);
                nextPublish = clock.instant().plus(publish.interval());
            }
            for (Table table : tables) {
                if (stopping) {
                    break;
                }
                try {
                    table.tailer().round();
                } catch (RuntimeException e) {
                    if (stopping) {
                        break; // the store closing under a round that outlasted the stop's grace
                    }
                    table.problems().note("tailer", "tailing failed: " + e.getMessage());
                    Log.warnf("Tailing the stream of %s failed: %s", table.name(), e.getMessage());
                }
            }
            try {
                Ticker.SYSTEM.sleep(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    /** Stops with the inputs, before the DynamoDB clients and DynamoDB Local it reads from (see {@link ShutdownOrder}). */
    void stopTailing(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.INPUTS) ShutdownEvent shutdown) {
        stop();
    }

    /**
     * Ends the tailer after its round (rounds are short and pause 50 ms), before the DynamoDB clients it uses are
     * closed. Not by an interrupt, unless a round outlasts the grace: an interrupt inside an embedded DynamoDB Local
     * call can leave its SQLite database locked for the next run in this process.
     */
    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (thread != null) {
            ShutdownOrder.finish(thread);
        }
    }
}
