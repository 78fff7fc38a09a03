package io.pipewatch.source.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.source.streams.Checkpoints.Checkpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Tails one table's DynamoDB Stream as a careful second reader (the pipeline's own Lambda is the
 * first): one reader per shard, at most one GetRecords per {@code poll-interval} on a caught-up
 * shard and per {@code catch-up-interval} on a shard that is behind, doubling waits while idle.
 * Parents are read to their end before their children; a first start begins at LATEST, later
 * starts after the last checkpointed record; expired iterators, trimmed data, throttling and a
 * stream disabled and re-enabled (new ARN) are recovered from and reported, never thrown.
 *
 * <p>Every shard has a checkpoint from the moment tailing begins in it, not only once a record has been
 * counted (issue 17): a shard opened at TRIM_HORIZON saves "from the start" at once, and one opened at
 * LATEST saves the last record that was already in it, found by a short read that counts nothing. A
 * restart therefore resumes where tailing began, never at a later LATEST that skips what was written
 * while Pipewatch was down.
 */
final class StreamTailer {

    static final int BATCH = 1000;
    /** How long DynamoDB Streams keeps a record. */
    static final Duration RETENTION = Duration.ofHours(24);

    /**
     * How the tailer reads a table: its timestamp attribute and pacing; {@code createdFrom}, when set, makes it
     * wait for a table created at or after that instant (the demo replaces its table at each run's start).
     */
    record Settings(String timestampAttribute, Duration pollInterval, Duration catchUpInterval, Duration idleBackoff,
            Duration shardRefresh, ShardIteratorType initialPosition, Instant createdFrom) {

        Settings(String timestampAttribute, Duration pollInterval, Duration catchUpInterval, Duration idleBackoff,
                Duration shardRefresh, ShardIteratorType initialPosition) {
            this(timestampAttribute, pollInterval, catchUpInterval, idleBackoff, shardRefresh, initialPosition, null);
        }

        Settings createdFrom(Instant from) {
            return new Settings(timestampAttribute, pollInterval, catchUpInterval, idleBackoff, shardRefresh,
                    initialPosition, from);
        }
    }

    private final String table;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final Checkpoints checkpoints;
    private final Clock clock;
    private final Settings settings;
    private final SaturationPeriods periods;
    private final StreamProblems problems;
    private final MeterRegistry registry;

    private String streamArn;
    private Instant nextRefresh = Instant.MIN;
    private List<Shard> shards = List.of();
    private final Set<String> finished = new HashSet<>();
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private final Map<String, Checkpoint> restored = new HashMap<>();
    private boolean firstStart;
    /** Shards of the first description on a first start: only these may start at the initial position. */
    private final Set<String> presentAtFirstStart = new HashSet<>();
    /** This process has tailed a stream of the table before (it was disabled, then enabled again). */
    private boolean tailedBefore;
    /**
     * This process looked at the table and found no stream to tail (no table, no stream, an earlier demo run's
     * table): a stream found later was created after tailing began, so all of it is read, from TRIM_HORIZON.
     */
    private boolean sawNoStream;

    StreamTailer(String table, DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, Checkpoints checkpoints,
            Clock clock, Settings settings, SaturationPeriods periods, StreamProblems problems, MeterRegistry registry) {
        this.table = table;
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.settings = settings;
        this.periods = periods;
        this.problems = problems;
        this.registry = registry;
    }

    /** One pass: refresh the shards when due, then one GetRecords on every readable shard that is due. */
    void round() {
        Instant now = clock.instant();
        if (!now.isBefore(nextRefresh)) {
            refresh(now);
        }
        if (streamArn == null) {
            return;
        }
        for (Shard shard : ShardLineage.readable(shards, finished)) {
            if (streamArn == null) {
                return; // the stream went away during this round
            }
            Cursor cursor = cursors.computeIfAbsent(shard.shardId(), id -> new Cursor(shard));
            if (!clock.instant().isBefore(cursor.nextPoll)) {
                poll(cursor);
            }
        }
    }

    String streamArn() {
        return streamArn;
    }

    private void refresh(Instant now) {
        nextRefresh = now.plus(settings.idleBackoff()); // retry soon unless the description succeeds
        String arn;
        try {
            var description = dynamoDb.describeTable(d -> d.tableName(table)).table();
            var spec = description.streamSpecification();
            arn = description.latestStreamArn();
            if (fromAnEarlierRun(description.creationDateTime())) {
                problems.set("stream", "table is an earlier run's: waiting for the demo to replace it");
                sawNoStream = true;
                forgetStream();
                nextRefresh = now.plus(settings.pollInterval());
                return;
            }
            if (spec == null || !Boolean.TRUE.equals(spec.streamEnabled()) || arn == null) {
                problems.set("stream", "table has no stream: enable one (NEW_IMAGE or NEW_AND_OLD_IMAGES) to measure saturation");
                sawNoStream = true;
                forgetStream();
                nextRefresh = now.plus(settings.idleBackoff());
                return;
            }
        } catch (ResourceNotFoundException e) {
            problems.set("stream", "table not found");
            sawNoStream = true;
            forgetStream();
            nextRefresh = now.plus(settings.idleBackoff());
            return;
        } catch (SdkException e) {
            problems.set("stream", "cannot describe the table: " + e.getMessage());
            readError("describe");
            nextRefresh = now.plus(settings.idleBackoff());
            return;
        }
        problems.clear("stream");
        if (!arn.equals(streamArn)) {
            startStream(arn, now);
        }
        try {
            shards = describeShards(arn);
            nextRefresh = now.plus(settings.shardRefresh());
        } catch (ResourceNotFoundException e) {
            forgetStream();
            nextRefresh = now;
        } catch (SdkException e) {
            problems.set("describe", "cannot describe the stream: " + e.getMessage());
            readError("describe");
        }
        if (firstStart && presentAtFirstStart.isEmpty()) {
            for (Shard s : shards) {
                presentAtFirstStart.add(s.shardId());
                if (ShardLineage.closed(s)) {
                    // History before Pipewatch's first start is not its business; saved, so a restart agrees.
                    finished.add(s.shardId());
                    checkpoints.save(streamArn, s.shardId(), new Checkpoint(null, true));
                }
            }
        }
    }

    /**
     * Whether the table was created before {@code createdFrom}. Compared exactly: DynamoDB Local stamps a table's
     * creation to the millisecond with the same wall clock as {@code createdFrom}, taken before the store started.
     * (It was once compared by the minute; then an earlier run's table from the same minute was tailed whenever
     * the tailer looked before the demo had replaced it, which only its start delay prevented.)
     */
    private boolean fromAnEarlierRun(Instant created) {
        if (settings.createdFrom() == null || created == null) {
            return false;
        }
        return created.isBefore(settings.createdFrom());
    }

    /** A new stream (first start, or the stream was disabled and enabled again): begin from its checkpoints. */
    private void startStream(String arn, Instant now) {
        Map<String, Checkpoint> saved = checkpoints.load(arn);
        forgetStream();
        streamArn = arn;
        restored.putAll(saved);
        restored.forEach((shard, checkpoint) -> {
            if (checkpoint.finished()) {
                finished.add(shard);
            }
        });
        // LATEST only when this table's stream was never read before and already existed when tailing began: a
        // re-enabled stream, or a table created (or given a stream) since, holds only records written after
        // Pipewatch started, and is read from its start so none of those is skipped.
        firstStart = restored.isEmpty() && !tailedBefore && !sawNoStream;
        tailedBefore = true;
        periods.tailing(now);
    }

    private void forgetStream() {
        streamArn = null;
        presentAtFirstStart.clear();
        periods.paused();
        shards = List.of();
        finished.clear();
        cursors.clear();
        restored.clear();
    }

    private List<Shard> describeShards(String arn) {
        List<Shard> all = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var description = streams.describeStream(d -> d.streamArn(arn).exclusiveStartShardId(from)).streamDescription();
            all.addAll(description.shards());
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return all;
    }

    private void poll(Cursor cursor) {
        Instant now = clock.instant();
        try {
            if (cursor.iterator == null) {
                cursor.iterator = iterator(cursor);
            }
            if (cursor.probe != null) {
                probe(cursor); // after the LATEST iterator was opened, before it is read: see Probe
            }
            GetRecordsResponse response = streams.getRecords(g -> g.shardIterator(cursor.iterator).limit(BATCH));
            List<Record> records = response.records();
            cursor.returnedRecords |= !records.isEmpty();
            for (Record record : records) {
                String sequence = record.dynamodb().sequenceNumber();
                if (cursor.countedUpTo != null && !after(sequence, cursor.countedUpTo)) {
                    continue; // re-read from TRIM_HORIZON after trimmed data: counted before
                }
                count(record);
                cursor.lastSequence = sequence;
            }
            cursor.iterator = response.nextShardIterator();
            if (cursor.iterator == null) {
                finished.add(cursor.shard.shardId());
                checkpoints.save(streamArn, cursor.shard.shardId(), new Checkpoint(cursor.lastSequence, true));
                nextRefresh = now; // a closed shard's children appear in the next description
                return;
            }
            if (!records.isEmpty() && cursor.lastSequence != null) {
                checkpoints.save(streamArn, cursor.shard.shardId(), new Checkpoint(cursor.lastSequence, false));
            }
            if (cursor.probe != null) {
                settleProbe(cursor, records.isEmpty());
            }
            schedule(cursor, records.size(), now);
        } catch (ExpiredIteratorException e) {
            readError("expired_iterator");
            problems.note("expired", "a shard iterator expired (over 15 min between reads); resumed after the last counted record");
            cursor.iterator = null;
        } catch (TrimmedDataAccessException e) {
            if (nothingCouldHaveAgedOut(cursor, now)) {
                // DynamoDB Local numbers records across all its tables, and hands out an iterator on an empty
                // shard at the shard's first number: once other tables have been written, the shard's first
                // record lies above it and reading answers TrimmedDataAccess though nothing was dropped.
                readError("trimmed_before_first_record");
                cursor.trimmed = true;
                cursor.iterator = null;
                return;
            }
            readError("trimmed");
            problems.note("trimmed", "records aged out of the stream (24 h) before Pipewatch read them; resumed at the oldest record kept");
            if (cursor.lastSequence != null
                    && (cursor.countedUpTo == null || after(cursor.lastSequence, cursor.countedUpTo))) {
                cursor.countedUpTo = cursor.lastSequence;
            } else if (cursor.lastSequence == null && cursor.countedUpTo == null) {
                // Nothing counted by this process yet: what lies up to the checkpoint it started from was counted
                // by an earlier run, or was in the shard before tailing began.
                Checkpoint checkpoint = restored.get(cursor.shard.shardId());
                cursor.countedUpTo = checkpoint != null ? checkpoint.sequenceNumber() : null;
            }
            cursor.lastSequence = null;
            cursor.trimmed = true;
            cursor.iterator = null;
        } catch (LimitExceededException e) {
            readError("throttled");
            problems.note("throttled", "GetRecords throttled: too many readers on the shard; backing off");
            cursor.idleWait = settings.idleBackoff();
            cursor.nextPoll = now.plus(jittered(settings.idleBackoff()));
        } catch (ResourceNotFoundException e) {
            problems.set("stream", "the stream went away (disabled?); looking for the table's current stream");
            forgetStream();
            nextRefresh = now;
        } catch (SdkException e) {
            readError("other");
            problems.note("read", "GetRecords failed: " + e.getMessage());
            cursor.nextPoll = now.plus(jittered(settings.pollInterval()));
        }
    }

    private String iterator(Cursor cursor) {
        String shardId = cursor.shard.shardId();
        Checkpoint checkpoint = restored.get(shardId);
        String after = cursor.lastSequence != null ? cursor.lastSequence
                : checkpoint != null ? checkpoint.sequenceNumber() : null;
        ShardIteratorType type;
        if (cursor.trimmed) {
            type = ShardIteratorType.TRIM_HORIZON;
            cursor.trimmed = false;
        } else if (after != null) {
            type = ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        } else {
            // Only a shard's very first iterator may start at LATEST: re-opening one that expired before
            // any record was counted must not skip what arrived meanwhile.
            type = firstStart && !cursor.opened && presentAtFirstStart.contains(shardId)
                    ? settings.initialPosition() : ShardIteratorType.TRIM_HORIZON;
            if (checkpoint == null) {
                if (type == ShardIteratorType.TRIM_HORIZON) {
                    // Tailing begins at the shard's start: saved now, so a restart before any record is counted
                    // reads from there too, not from LATEST.
                    saveStart(shardId, null);
                } else if (type == ShardIteratorType.LATEST && !cursor.opened) {
                    cursor.probe = new Probe();
                }
            }
        }
        cursor.opened = true;
        cursor.openedAtEdge = type == ShardIteratorType.AFTER_SEQUENCE_NUMBER ? null : clock.instant();
        cursor.returnedRecords = false;
        String sequence = type == ShardIteratorType.AFTER_SEQUENCE_NUMBER ? after : null;
        return streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequence)).shardIterator();
    }

    /**
     * Saves where tailing began in a shard (null: its start), and resumes from there if the iterator is reopened.
     * A checkpoint store that is down does not hold up reading: it is reported, and the first counted record's
     * checkpoint will do instead.
     */
    private void saveStart(String shardId, String afterSequence) {
        Checkpoint start = new Checkpoint(afterSequence, false);
        restored.put(shardId, start);
        try {
            checkpoints.save(streamArn, shardId, start);
        } catch (RuntimeException e) {
            readError("checkpoint");
            problems.note("checkpoint", "cannot save where tailing began (a restart may skip records): " + e.getMessage());
        }
    }

    /**
     * One read of the probe (see {@link Probe}): from the shard's start, or after the last record it saw, counting
     * nothing. Its failures are left to the next read; they never disturb the counting iterator.
     */
    private void probe(Cursor cursor) {
        Probe probe = cursor.probe;
        probe.caughtUp = false;
        try {
            if (probe.iterator == null) {
                String shardId = cursor.shard.shardId();
                String after = probe.last;
                ShardIteratorType type = after != null ? ShardIteratorType.AFTER_SEQUENCE_NUMBER : ShardIteratorType.TRIM_HORIZON;
                probe.iterator = streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(type).sequenceNumber(after)).shardIterator();
                probe.returnedRecords = false;
            }
            GetRecordsResponse response = streams.getRecords(g -> g.shardIterator(cursor.probe.iterator).limit(BATCH));
            for (Record record : response.records()) {
                String sequence = record.dynamodb().sequenceNumber();
                if (probe.last == null || after(sequence, probe.last)) {
                    probe.last = sequence;
                }
            }
            probe.returnedRecords |= !response.records().isEmpty();
            probe.iterator = response.nextShardIterator();
            probe.caughtUp = response.records().isEmpty() || probe.iterator == null;
        } catch (TrimmedDataAccessException e) {
            // Just opened at the horizon and nothing returned: the shard holds nothing older to skip (DynamoDB
            // Local answers this on an empty shard once other tables have been written; see nothingCouldHaveAgedOut).
            probe.caughtUp = !probe.returnedRecords;
            probe.iterator = null;
        } catch (SdkException e) {
            readError("probe");
            probe.iterator = null;
        }
    }

    /**
     * After the counting iterator's read: once it has counted a record, that record's checkpoint is where a restart
     * resumes, and the probe is done. If it returned nothing right after the probe caught up, every record the
     * probe saw was in the shard before the LATEST iterator was opened (one written after would have come back
     * here): the last of them is where tailing began, saved as the checkpoint.
     */
    private void settleProbe(Cursor cursor, boolean readNothing) {
        Probe probe = cursor.probe;
        if (cursor.lastSequence != null) {
            cursor.probe = null;
        } else if (readNothing && probe.caughtUp) {
            saveStart(cursor.shard.shardId(), probe.last);
            cursor.probe = null;
        }
    }

    /**
     * Whether a TrimmedDataAccess answer cannot mean lost records: the iterator was opened at the shard's edge
     * (LATEST or TRIM_HORIZON, not after a checkpoint) less than the retention ago and has returned no record
     * since. Every record in the shard then came after the position it was opened at, was written less than
     * the retention ago, and so is still there: read from the horizon, nothing is missing. A checkpoint or a
     * record read before the gap is what a real trim needs, and those are still reported.
     */
    private static boolean nothingCouldHaveAgedOut(Cursor cursor, Instant now) {
        return cursor.openedAtEdge != null && !cursor.returnedRecords
                && Duration.between(cursor.openedAtEdge, now).compareTo(RETENTION) < 0;
    }

    private void count(Record record) {
        var data = record.dynamodb();
        if (data == null || data.newImage() == null || data.newImage().isEmpty()) {
            return; // REMOVE: nothing was updated
        }
        Instant now = clock.instant();
        Long readLag = data.approximateCreationDateTime() == null ? null
                : Duration.between(data.approximateCreationDateTime(), now).toMillis();
        registry.counter("pipewatch.stream.records", "table", table).increment();
        RecordTimestamp.Result result = RecordTimestamp.of(data, settings.timestampAttribute());
        if (result instanceof RecordTimestamp.Found found) {
            periods.record(now, Duration.between(found.at(), now).toMillis(), readLag);
        } else if (result instanceof RecordTimestamp.Fallback fallback) {
            if (settings.timestampAttribute() != null) {
                problems.note("missing", "records without " + settings.timestampAttribute()
                        + ": their ApproximateCreationDateTime is used (DynamoDB rounds it)");
                registry.counter("pipewatch.stream.timestamp.errors", "table", table, "reason", "missing").increment();
            }
            if (fallback.at() != null) {
                periods.record(now, Duration.between(fallback.at(), now).toMillis(), readLag);
            }
        } else if (result instanceof RecordTimestamp.Unreadable unreadable) {
            problems.note("unreadable", "records with an unreadable timestamp, left out: " + unreadable.reason());
            registry.counter("pipewatch.stream.timestamp.errors", "table", table, "reason", "unreadable").increment();
            periods.timestampError(now);
        }
    }

    private void schedule(Cursor cursor, int records, Instant now) {
        if (records >= BATCH) {
            cursor.idleWait = settings.pollInterval();
            cursor.nextPoll = now.plus(settings.catchUpInterval());
        } else if (records > 0) {
            cursor.idleWait = settings.pollInterval();
            cursor.nextPoll = now.plus(settings.pollInterval());
        } else {
            cursor.nextPoll = now.plus(cursor.idleWait);
            Duration doubled = cursor.idleWait.multipliedBy(2);
            cursor.idleWait = doubled.compareTo(settings.idleBackoff()) > 0 ? settings.idleBackoff() : doubled;
        }
    }

    private void readError(String kind) {
        registry.counter("pipewatch.stream.read.errors", "table", table, "kind", kind).increment();
    }

    /** Sequence numbers grow within a shard; they are decimal strings of up to 40 digits. */
    static boolean after(String sequence, String than) {
        return new java.math.BigInteger(sequence).compareTo(new java.math.BigInteger(than)) > 0;
    }

    private static Duration jittered(Duration base) {
        return base.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, base.toMillis() / 2)));
    }

    /** Where Pipewatch stands in one shard. */
    private final class Cursor {
        final Shard shard;
        String iterator;
        String lastSequence;
        /** After trimmed data: records up to this sequence number were counted already. */
        String countedUpTo;
        boolean trimmed;
        boolean opened;
        /** When the current iterator was opened at LATEST or TRIM_HORIZON; null when after a sequence number. */
        Instant openedAtEdge;
        /** Whether any GetRecords through the current iterator returned records. */
        boolean returnedRecords;
        Instant nextPoll = Instant.MIN;
        Duration idleWait = settings.pollInterval();
        /** While the position a LATEST iterator was opened at is not known yet. */
        Probe probe;

        Cursor(Shard shard) {
            this.shard = shard;
        }
    }

    /**
     * A LATEST iterator does not say where in the shard it stands until a record comes through it, so a process
     * stopped before that would leave no checkpoint, and its restart, opening LATEST again, would skip everything
     * written meanwhile. The probe reads the same shard from its start alongside, counting nothing, up to the last
     * record already there. Read before the counting iterator in each poll, it costs a call or two on a quiet
     * shard and stops as soon as the counting iterator counts a record (then a busy shard's checkpoint comes from
     * that record). DynamoDB Streams may answer an empty batch before a sparse shard's end; the probe then settles
     * early, and a restart that finds its checkpoint counts some records from before the first start: it errs
     * towards counting, never towards skipping.
     */
    private static final class Probe {
        String iterator;
        /** The last record seen in the shard, none counted. */
        String last;
        boolean returnedRecords;
        /** Its last read came back empty (or the shard ended). */
        boolean caughtUp;
    }
}
