package io.pipewatch.source.streams;

import io.pipewatch.testing.Settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.StreamMetrics;
import io.pipewatch.store.DynamoDbCheckpoints;
import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Issue 17, as the service wires the tailer: it begins when the source is first polled, not two poll intervals
 * later, and a table that appears after it began (as the demo's does) is read from its start, so the records
 * written in the first seconds after a start are counted. Real threads, a manual clock, Awaitility, no sleeps.
 */
class StreamSaturationStartIT {

    private static final String TABLE = "orders";
    private static final SeriesKey READ = StreamMetrics.key(TABLE, StreamMetrics.RECORDS_READ, "Sum");

    @Test
    void recordsWrittenRightAfterAFirstStartAreCounted() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var clock = new ManualClock(start);
        var store = new EmbeddedDynamoDb();
        // A minute's poll interval: the old start delay (two of them, in real time) would outlast every wait here.
        var config = config(Duration.ofMinutes(1));
        var clients = new DynamoDbClients(config, store, java.util.Optional.empty());
        var source = new StreamSaturationSource(config, clients,
                new DynamoDbCheckpoints(clients::dynamoDb, DynamoDbCheckpoints.DEFAULT_TABLE, clock),
                new ScaledClock(clock, 1), new SimpleMeterRegistry());
        try {
            source.read(Set.of(READ), start, clock.instant()); // the first poll starts tailing
            Awaitility.await("the tailer looks at the table at once").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> String.join("\n", source.notes()).contains(TABLE + ": table not found"));

            var client = store.client();
            DynamoDbTables.createIfAbsent(client, TABLE, "id", null, StreamViewType.NEW_IMAGE);
            for (int i = 0; i < 4; i++) {
                int n = i;
                client.putItem(p -> p.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("order-" + n),
                        "bucketTime", AttributeValue.fromN(Long.toString(start.getEpochSecond())))));
            }

            Awaitility.await("every record written right after the start is counted").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        clock.advance(Duration.ofSeconds(1)); // to the tailer's next look, and completes periods
                        return read(source, start, clock) >= 4;
                    });
            clock.advance(Duration.ofMinutes(1));
            assertEquals(4, read(source, start, clock), "each once");
        } finally {
            source.stop();
            store.stop();
        }
    }

    private static double read(StreamSaturationSource source, Instant from, ManualClock clock) {
        return source.read(Set.of(READ), from, clock.instant()).stream()
                .flatMap(d -> d.points().stream()).mapToDouble(p -> p.value()).sum();
    }

    private static PipewatchConfig config(Duration pollInterval) {
        var publish = Settings.of(PipewatchConfig.Streams.Publish.class, Map.of("enabled", false, "namespace", "Pipewatch/Streams",
                "interval", Duration.ofSeconds(60)));
        var streams = Settings.of(PipewatchConfig.Streams.class, Map.of("tables", Optional.of(List.of(TABLE)),
                "timestampAttribute", Optional.empty(), "saturationThreshold", Duration.ofMinutes(10),
                "pollInterval", Duration.ofSeconds(1), "catchUpInterval", Duration.ofMillis(500),
                "idleBackoff", Duration.ofSeconds(10), "initialPosition", PipewatchConfig.InitialPosition.LATEST,
                "shardRefresh", Duration.ofSeconds(60), "publish", publish));
        var demo = Settings.of(PipewatchConfig.Demo.class, Map.of("speed", 1.0, "dayLength", Duration.ofMinutes(30),
                "history", Duration.ofMinutes(15), "seed", 42L, "table", "demo-impressions"));
        return Settings.of(PipewatchConfig.class, Map.of("mode", PipewatchConfig.Mode.DEMO, "pollInterval", pollInterval,
                "demo", demo, "streams", streams));
    }
}
