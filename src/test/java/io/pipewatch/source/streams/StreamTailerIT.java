package io.pipewatch.source.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewatch.signal.StreamMetrics;
import io.pipewatch.testing.ManualClock;
import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * The stream tailer against DynamoDB Local's real Streams API, on a manual clock. Failures that
 * DynamoDB Local cannot produce on demand (expired iterators, trimmed data, throttling) come from a
 * thin wrapper around the real client.
 */
class StreamTailerIT {

    /** Near the wall clock: DynamoDB Local stamps ApproximateCreationDateTime with real time. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedDynamoDb local;
    private static DynamoDbClient dynamoDb;
    private static Checkpoints checkpoints;

    private ManualClock clock;
    private FaultyStreams streams;
    private String table;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = new EmbeddedDynamoDb();
        dynamoDb = local.client();
        checkpoints = new io.pipewatch.store.DynamoDbCheckpoints(() -> dynamoDb, "checkpoints", java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        local.stop();
    }

    @BeforeEach
    void newTable() {
        clock = new ManualClock(T0);
        streams = new FaultyStreams(local.streams());
        table = "impressions-" + TABLES.incrementAndGet();
        createTable(table, true);
    }

    @Test
    void firstStartReadsOnlyWhatComesNextAndMeasuresRecordAge() {
        put("before-start", epochSeconds(T0));
        var tailer = new Tail(table);
        tailer.rounds(2);
        put("fresh", epochSeconds(T0.minus(Duration.ofMinutes(1))));
        put("saturated", epochSeconds(T0.minus(Duration.ofMinutes(15))));
        tailer.rounds(5);

        assertEquals(2, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"), "LATEST on a first start");
        assertEquals(1, tailer.sum(StreamMetrics.RECORDS_OVER_THRESHOLD, "Sum"));
        double maxAge = tailer.max(StreamMetrics.RECORD_AGE, "Maximum");
        assertTrue(maxAge >= Duration.ofMinutes(15).toMillis() && maxAge < Duration.ofMinutes(16).toMillis(), "max age " + maxAge);
    }

    @Test
    void aRestartResumesAfterTheLastCountedRecordNoneSkippedNoneTwice() {
        var first = new Tail(table);
        first.rounds(2);
        for (int i = 0; i < 5; i++) {
            put("a" + i, epochSeconds(T0));
        }
        first.rounds(5);
        assertEquals(5, first.sum(StreamMetrics.RECORDS_READ, "Sum"));

        put("while-down-1", epochSeconds(T0));
        put("while-down-2", epochSeconds(T0));
        var second = new Tail(table); // a new process: only the checkpoint store carries over
        second.rounds(3);
        for (int i = 0; i < 3; i++) {
            put("b" + i, epochSeconds(T0));
        }
        second.rounds(5);
        assertEquals(5, second.sum(StreamMetrics.RECORDS_READ, "Sum"), "2 written while down + 3 after");
    }

    /**
     * Issue 17: a first run that counted nothing left no checkpoint, so the next start was a "first start" again,
     * opened at LATEST and skipped everything written while Pipewatch was down.
     */
    @Test
    void aFirstRunThatReadNothingLeavesACheckpointSoARestartSkipsNothing() {
        put("before-first-start", epochSeconds(T0)); // backlog from before Pipewatch: not its business
        var first = new Tail(table);
        first.rounds(3);
        assertEquals(0, first.sum(StreamMetrics.RECORDS_READ, "Sum"), "LATEST on a first start");
        assertEquals(1, checkpoints.load(first.tailer.streamArn()).size(), "where tailing began, though nothing was counted");
        for (int i = 0; i < 5; i++) {
            put("while-down-" + i, epochSeconds(T0));
        }
        var second = new Tail(table); // a new process: only the checkpoint store carries over
        second.rounds(5);
        assertEquals(5, second.sum(StreamMetrics.RECORDS_READ, "Sum"), "every item written while down, nothing older");
        put("after-restart", epochSeconds(T0));
        second.rounds(12); // the idle shard's next read is up to the idle backoff away
        var third = new Tail(table);
        third.rounds(5);
        assertEquals(6, second.sum(StreamMetrics.RECORDS_READ, "Sum"));
        assertEquals(0, third.sum(StreamMetrics.RECORDS_READ, "Sum"), "nothing counted twice");
    }

    /** The same on a shard that was empty when tailing began (DynamoDB Local answers TrimmedDataAccess there). */
    @Test
    void aFirstRunOnAnEmptyShardLeavesACheckpointSoARestartSkipsNothing() {
        var first = new Tail(table);
        first.rounds(3);
        String other = "other-" + TABLES.incrementAndGet(); // pushes DynamoDB Local's record numbers on
        createTable(other, false);
        dynamoDb.putItem(p -> p.tableName(other).item(Map.of("adId", AttributeValue.fromS("o"),
                "minute", AttributeValue.fromS("m"))));
        for (int i = 0; i < 3; i++) {
            put("while-down-" + i, epochSeconds(T0));
        }
        var second = new Tail(table);
        second.rounds(12);
        assertEquals(3, second.sum(StreamMetrics.RECORDS_READ, "Sum"), "every item written while down");
        assertEquals(java.util.List.of(), second.problems.lines());
        var third = new Tail(table);
        third.rounds(5);
        assertEquals(0, third.sum(StreamMetrics.RECORDS_READ, "Sum"), "nothing counted twice");
    }

    /**
     * A table (or stream) that appears after tailing began holds only records written since: all are read, from
     * its start. Opened at LATEST, what was written before the tailer's next look at the table was lost.
     */
    @Test
    void aTableCreatedAfterTailingBeganIsReadFromItsStart() {
        table = "later-" + TABLES.incrementAndGet();
        var tailer = new Tail(table);
        tailer.rounds(1);
        assertTrue(String.join("\n", tailer.problems.lines()).contains("table not found"), tailer.problems.lines().toString());
        createTable(table, true);
        for (int i = 0; i < 3; i++) {
            put("early-" + i, epochSeconds(T0));
        }
        tailer.rounds(15); // the next look at the table comes after the idle backoff
        assertEquals(3, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"), "written before the tailer saw the table");
    }

    @Test
    void readsEveryTimestampFormatAndCountsTheUnreadable() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        Instant old = T0.minus(Duration.ofMinutes(12));
        put("seconds", AttributeValue.fromN(Long.toString(old.getEpochSecond())));
        put("millis", AttributeValue.fromN(Long.toString(old.toEpochMilli())));
        put("iso", AttributeValue.fromS(old.toString()));
        put("missing", null);
        put("garbage", AttributeValue.fromS("yesterday"));
        tailer.rounds(5);

        assertEquals(4, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"));
        assertEquals(3, tailer.sum(StreamMetrics.RECORDS_OVER_THRESHOLD, "Sum"), "the three readable old buckets");
        assertEquals(1, tailer.sum(StreamMetrics.TIMESTAMP_ERRORS, "Sum"));
        String lines = String.join("\n", tailer.problems.lines());
        assertTrue(lines.contains("1 × records with an unreadable timestamp, left out: bucketTime 'yesterday'"), lines);
        assertTrue(lines.contains("1 × records without bucketTime: their ApproximateCreationDateTime is used"), lines);
    }

    @Test
    void aShardReadToItsEndIsCheckpointedAsFinishedAndLeftAlone() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        put("last", epochSeconds(T0));
        streams.closeShardOnNextRead = true;
        tailer.rounds(3);
        assertEquals(1, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"));
        var saved = checkpoints.load(tailer.tailer.streamArn());
        assertEquals(1, saved.size());
        assertTrue(saved.values().iterator().next().finished(), saved.toString());
        int calls = streams.getRecordsCalls.get();
        tailer.rounds(30);
        assertEquals(calls, streams.getRecordsCalls.get(), "a finished shard is not read again");
        var restarted = new Tail(table);
        restarted.rounds(5);
        assertEquals(calls, streams.getRecordsCalls.get(), "nor after a restart");
    }

    @Test
    void onAFirstStartOldClosedShardsAreSkippedAndSavedSoARestartAgrees() {
        streams.extraShards.add(software.amazon.awssdk.services.dynamodb.model.Shard.builder().shardId("shardId-old-closed")
                .sequenceNumberRange(r -> r.startingSequenceNumber("1").endingSequenceNumber("2")).build());
        var tailer = new Tail(table);
        tailer.rounds(2);
        var saved = checkpoints.load(tailer.tailer.streamArn());
        assertTrue(saved.get("shardId-old-closed").finished(), saved.toString());
        var restarted = new Tail(table);
        restarted.rounds(3);
        assertTrue(streams.iteratorRequests.stream().noneMatch(r -> r.shardId().equals("shardId-old-closed")),
                "an old shard is never read, before or after a restart");
    }

    @Test
    void aChildShardFoundLaterIsReadFromItsStartNotFromLatest() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        String parent = streams.iteratorRequests.get(0).shardId();
        assertEquals(ShardIteratorType.LATEST, streams.iteratorRequests.get(0).shardIteratorType(), "first start");
        streams.extraShards.add(software.amazon.awssdk.services.dynamodb.model.Shard.builder().shardId("shardId-child")
                .parentShardId(parent).sequenceNumberRange(r -> r.startingSequenceNumber("9")).build());
        put("last-in-parent", epochSeconds(T0));
        streams.closeShardOnNextRead = true;
        tailer.rounds(5);
        var child = streams.iteratorRequests.stream().filter(r -> r.shardId().equals("shardId-child")).findFirst();
        assertTrue(child.isPresent(), "the child is opened once its parent is finished");
        assertEquals(ShardIteratorType.TRIM_HORIZON, child.get().shardIteratorType(), "nothing written to it is skipped");
    }

    @Test
    void anIdleShardIsPolledLessAndLess() {
        var tailer = new Tail(table);
        tailer.rounds(60);
        int calls = streams.getRecordsCalls.get();
        assertTrue(calls >= 5 && calls <= 12, "GetRecords calls in 60 idle seconds: " + calls);
    }

    @Test
    void recoversFromAnExpiredIteratorWithoutLosingRecords() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        for (int i = 0; i < 3; i++) {
            put("r" + i, epochSeconds(T0));
        }
        streams.getRecordsFailures.add(ExpiredIteratorException.builder().message("expired").build());
        tailer.rounds(5);
        assertEquals(3, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"));
        assertTrue(String.join("\n", tailer.problems.lines()).contains("1 × a shard iterator expired"));
    }

    @Test
    void afterTrimmedDataItResumesAtTheHorizonAndCountsNothingTwice() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        for (int i = 0; i < 3; i++) {
            put("r" + i, epochSeconds(T0));
        }
        tailer.rounds(3);
        put("r3", epochSeconds(T0));
        put("r4", epochSeconds(T0));
        streams.getRecordsFailures.add(TrimmedDataAccessException.builder().message("trimmed").build());
        tailer.rounds(5);
        assertEquals(5, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"));
        assertTrue(String.join("\n", tailer.problems.lines()).contains("records aged out of the stream"));
    }

    /**
     * DynamoDB Local numbers stream records across all its tables and opens an empty shard at the shard's first
     * number; once another table is written, the shard's first record lies above that and GetRecords answers
     * TrimmedDataAccess. Nothing aged out: the demo's table is empty through its stalled start, and this was a
     * false "records aged out" on every page two minutes into every demo run.
     */
    @Test
    void aShardEmptyWhenOpenedRaisesNoAgedOutWarningWhenItsFirstRecordsArrive() {
        var tailer = new Tail(table);
        tailer.rounds(2); // LATEST on the empty shard
        String other = "other-" + TABLES.incrementAndGet();
        createTable(other, false);
        for (int i = 0; i < 5; i++) {
            int n = i;
            dynamoDb.putItem(p -> p.tableName(other).item(Map.of("adId", AttributeValue.fromS("o" + n),
                    "minute", AttributeValue.fromS("m"))));
        }
        for (int i = 0; i < 3; i++) {
            put("first-" + i, epochSeconds(T0));
        }
        tailer.rounds(12);
        assertEquals(3, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"), "every record, none skipped");
        assertEquals(java.util.List.of(), tailer.problems.lines());
    }

    @Test
    void aTrimAfterACheckpointIsStillReported() {
        var first = new Tail(table);
        first.rounds(2);
        put("read", epochSeconds(T0));
        first.rounds(3);
        assertEquals(1, first.sum(StreamMetrics.RECORDS_READ, "Sum"));
        put("aged-out-while-down", epochSeconds(T0));
        streams.getRecordsFailures.add(TrimmedDataAccessException.builder().message("trimmed").build());
        var restarted = new Tail(table); // resumes after its checkpoint, which the stream no longer holds
        restarted.rounds(5);
        assertTrue(String.join("\n", restarted.problems.lines()).contains("1 × records aged out of the stream"),
                restarted.problems.lines().toString());
    }

    @Test
    void anEdgeIteratorOlderThanTheRetentionStillReportsATrim() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        clock.advance(Duration.ofHours(25)); // a tailer stuck for a day: what it had not read may be gone
        streams.getRecordsFailures.add(TrimmedDataAccessException.builder().message("trimmed").build());
        tailer.rounds(3);
        assertTrue(String.join("\n", tailer.problems.lines()).contains("1 × records aged out of the stream"),
                tailer.problems.lines().toString());
    }

    @Test
    void aTableOfAnEarlierDemoRunIsNotTailedUntilReplaced() {
        put("earlier-run", epochSeconds(T0));
        var tailer = new Tail(table, Instant.now().plus(Duration.ofMinutes(2)));
        tailer.rounds(3);
        assertTrue(streams.iteratorRequests.isEmpty(), "no shard of the earlier run's table is opened");
        assertTrue(String.join("\n", tailer.problems.lines()).contains("table is an earlier run's"), tailer.problems.lines().toString());
    }

    @Test
    void backsOffWhenThrottledAndCarriesOn() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        put("r0", epochSeconds(T0));
        streams.getRecordsFailures.add(LimitExceededException.builder().message("slow down").build());
        tailer.rounds(20);
        assertEquals(1, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"));
        assertTrue(String.join("\n", tailer.problems.lines()).contains("GetRecords throttled"));
    }

    @Test
    void followsAStreamDisabledAndEnabledAgainUnderItsNewArn() {
        var tailer = new Tail(table);
        tailer.rounds(2);
        put("old-stream", epochSeconds(T0));
        tailer.rounds(3);
        assertEquals(1, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"));
        String firstArn = tailer.tailer.streamArn();

        dynamoDb.updateTable(u -> u.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        tailer.rounds(61); // the next shard refresh notices
        assertTrue(String.join("\n", tailer.problems.lines()).contains("table has no stream"), tailer.problems.lines().toString());
        dynamoDb.updateTable(u -> u.tableName(table).streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        put("new-stream-1", epochSeconds(T0));
        put("new-stream-2", epochSeconds(T0));
        tailer.rounds(15);

        assertTrue(tailer.tailer.streamArn() != null && !tailer.tailer.streamArn().equals(firstArn), "a new stream ARN");
        // While the stream was gone nothing was reported (not zeros); the new stream is read from its start.
        assertEquals(2, tailer.sum(StreamMetrics.RECORDS_READ, "Sum"), "the new stream is read from its start");
        assertTrue(tailer.problems.lines().isEmpty(), tailer.problems.lines().toString());
    }

    @Test
    void aTableWithoutAStreamIsReportedAndTheTailerGoesOn() {
        String plain = "plain-" + TABLES.incrementAndGet();
        createTable(plain, false);
        var tailer = new Tail(plain);
        tailer.rounds(3);
        assertTrue(String.join("\n", tailer.problems.lines()).contains(plain + ": table has no stream"),
                tailer.problems.lines().toString());
        var missing = new Tail("no-such-table");
        missing.rounds(1);
        assertTrue(missing.problems.lines().get(0).startsWith("no-such-table: table not found"));
    }

    /** A tailer on the test's table, clock and wrapped client, with its measurements. */
    private final class Tail {
        final String name;
        final SaturationPeriods periods;
        final StreamProblems problems;
        final StreamTailer tailer;

        Tail(String table) {
            this(table, null);
        }

        Tail(String table, Instant createdFrom) {
            name = table;
            periods = new SaturationPeriods(table, Duration.ofMinutes(10));
            problems = new StreamProblems(table, clock);
            var settings = new StreamTailer.Settings("bucketTime", Duration.ofSeconds(1), Duration.ofMillis(500),
                    Duration.ofSeconds(10), Duration.ofSeconds(60), ShardIteratorType.LATEST).createdFrom(createdFrom);
            tailer = new StreamTailer(table, dynamoDb, streams, checkpoints, clock, settings, periods, problems,
                    new SimpleMeterRegistry());
        }

        /** Rounds one second apart on the manual clock. */
        void rounds(int n) {
            for (int i = 0; i < n; i++) {
                tailer.round();
                clock.advance(Duration.ofSeconds(1));
            }
        }

        double sum(String metric, String statistic) {
            return points(metric, statistic).stream().mapToDouble(p -> p.value()).sum();
        }

        double max(String metric, String statistic) {
            return points(metric, statistic).stream().mapToDouble(p -> p.value()).max().orElse(Double.NaN);
        }

        private java.util.List<io.pipewatch.signal.Datapoint> points(String metric, String statistic) {
            var all = periods.completed(T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1)));
            return all.getOrDefault(StreamMetrics.key(name, metric, statistic), java.util.List.of());
        }
    }

    private static AttributeValue epochSeconds(Instant at) {
        return AttributeValue.fromN(Long.toString(at.getEpochSecond()));
    }

    private void put(String id, AttributeValue bucketTime) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("adId", AttributeValue.fromS(id));
        item.put("minute", AttributeValue.fromS("m"));
        item.put("impressions", AttributeValue.fromN("1"));
        if (bucketTime != null) {
            item.put("bucketTime", bucketTime);
        }
        dynamoDb.putItem(p -> p.tableName(table).item(item));
    }

    private static void createTable(String name, boolean withStream) {
        DynamoDbTables.createIfAbsent(dynamoDb, name, "adId", "minute", withStream ? StreamViewType.NEW_AND_OLD_IMAGES : null);
    }
}
