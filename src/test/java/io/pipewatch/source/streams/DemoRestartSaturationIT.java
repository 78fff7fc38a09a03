package io.pipewatch.source.streams;

import io.pipewatch.testing.Settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.StreamMetrics;
import io.pipewatch.source.demo.DemoMetricSource;
import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import io.pipewatch.aws.dynamodb.StoreLocation;
import io.pipewatch.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The demo on a durable store, stopped with records its tailer had not read yet and started again an hour later
 * (on a manual clock): those records are an hour old by then, and read as backlog they would page "Roll-up input
 * falling behind". The new run starts a fresh simulated history, so the saturation series counts none of them.
 */
class DemoRestartSaturationIT {

    private static final String TABLE = "demo-impressions";
    private static final SeriesKey READ = StreamMetrics.key(TABLE, StreamMetrics.RECORDS_READ, "Sum");
    private static final SeriesKey OVER = StreamMetrics.key(TABLE, StreamMetrics.RECORDS_OVER_THRESHOLD, "Sum");

    @TempDir
    Path data;

    @Test
    void aDemoRestartedAfterAnHourDoesNotReportItsOwnBacklogAsSaturation() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var first = new Run(start);
        first.awaitTailing();
        first.advance(Duration.ofMinutes(4)); // past the demo's stalled start: its records are written and tailed
        assertTrue(first.sum(READ) > 0, "the first run's tailer read the demo's records");
        assertEquals(0, first.sum(OVER), "a fresh run is not saturated");
        first.streams.stop();
        // Written after the tailer's last checkpoint: the backlog the next run finds in the stream.
        for (int ad = 0; ad < 5; ad++) {
            first.write("ad-" + ad, first.clock.instant());
        }
        first.stop();

        var second = new Run(start.plus(Duration.ofHours(1)));
        try {
            second.awaitTailing();
            second.advance(Duration.ofMinutes(4));
            assertTrue(second.sum(READ) > 0, "the restarted demo's own records are read");
            assertEquals(0, second.sum(OVER), "none of the last run's records counted, an hour old");
        } finally {
            second.stop();
        }
    }

    /** One run of the demo and the stream tailer, as the service wires them, on a manual clock. */
    private final class Run {
        final ManualClock clock;
        final EmbeddedDynamoDb store = new EmbeddedDynamoDb(new StoreLocation.OnDisk(data));
        final DemoMetricSource demo;
        final StreamSaturationSource streams;
        final Instant from;

        Run(Instant at) {
            clock = new ManualClock(at);
            from = at;
            var scaled = new ScaledClock(clock, 1);
            PipewatchConfig config = config();
            var clients = new DynamoDbClients(config, store, java.util.Optional.empty());
            demo = new DemoMetricSource(config, scaled, clients);
            streams = new StreamSaturationSource(config, clients, new io.pipewatch.store.DynamoDbCheckpoints(clients::dynamoDb,
                    io.pipewatch.store.DynamoDbCheckpoints.DEFAULT_TABLE, clock), scaled, new SimpleMeterRegistry());
        }

        /** Until the tailer reads the demo's table (its periods then count, zeros included), a second at a time. */
        void awaitTailing() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (streams.read(Set.of(READ), from, clock.instant()).isEmpty() && System.nanoTime() < deadline) {
                clock.advance(Duration.ofSeconds(1));
                demo.read(Set.of(), from, clock.instant());
                Thread.sleep(50);
            }
            assertTrue(!streams.read(Set.of(READ), from, clock.instant()).isEmpty(), "the tailer never started: " + streams.notes());
        }

        /** Ten simulated seconds at a time, giving the writer and tailer threads a moment of real time for each. */
        void advance(Duration by) throws InterruptedException {
            for (long s = 0; s < by.toSeconds(); s += 10) {
                clock.advance(Duration.ofSeconds(10));
                demo.read(Set.of(), from, clock.instant());
                streams.read(Set.of(READ), from, clock.instant());
                Thread.sleep(60);
            }
            Thread.sleep(500); // the last writes and reads
            clock.advance(Duration.ofSeconds(20)); // so their periods are complete
            Thread.sleep(200);
        }

        double sum(SeriesKey key) {
            return streams.read(Set.of(key), from, clock.instant()).stream()
                    .flatMap(d -> d.points().stream()).mapToDouble(p -> p.value()).sum();
        }

        void write(String adId, Instant bucket) {
            store.client().updateItem(u -> u.tableName(TABLE)
                    .key(Map.of("adId", AttributeValue.fromS(adId), "minute", AttributeValue.fromS(bucket.toString())))
                    .updateExpression("ADD impressions :n SET bucketTime = :t")
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"),
                            ":t", AttributeValue.fromN(Long.toString(bucket.getEpochSecond())))));
        }

        void stop() {
            streams.stop();
            demo.close();
            store.stop();
        }
    }

    private static PipewatchConfig config() {
        var publish = Settings.of(PipewatchConfig.Streams.Publish.class, Map.of("enabled", false, "namespace", "Pipewatch/Streams",
                "interval", Duration.ofSeconds(60)));
        var streams = Settings.of(PipewatchConfig.Streams.class, Map.of("tables", Optional.empty(),
                "timestampAttribute", Optional.empty(), "saturationThreshold", Duration.ofMinutes(10),
                "pollInterval", Duration.ofSeconds(1), "catchUpInterval", Duration.ofMillis(500),
                "idleBackoff", Duration.ofSeconds(10), "initialPosition", PipewatchConfig.InitialPosition.LATEST,
                "shardRefresh", Duration.ofSeconds(60), "publish", publish));
        var demo = Settings.of(PipewatchConfig.Demo.class, Map.of("speed", 1.0, "dayLength", Duration.ofMinutes(30),
                "history", Duration.ofMinutes(15), "seed", 42L, "table", TABLE));
        // A short poll interval: the demo's writer waits one of them (real time) before starting.
        return Settings.of(PipewatchConfig.class, Map.of("mode", PipewatchConfig.Mode.DEMO, "pollInterval",
                Duration.ofMillis(200), "demo", demo, "streams", streams));
    }
}
