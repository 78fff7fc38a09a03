package io.pipewatch.signal;

import io.pipewatch.config.Spelling;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a metric named in {@code alarms/} or {@code dashboards/} is a typo. CloudWatch answers a
 * misspelt metric with no data rather than an error, so {@code IteratorAgeMiliseconds} would sit in
 * INSUFFICIENT_DATA forever; this catches it at start.
 *
 * <p>AWS adds metrics every year, so a name in an AWS namespace is refused only when it is a near miss
 * of a known one (different case, or within two edits); an unlisted name far from all of them is taken
 * as a metric this list has not caught up with. Pipewatch's own namespaces are complete and checked
 * strictly: nothing else would ever fill them.
 */
public final class KnownMetrics {

    private record Namespace(Set<String> metrics, Set<String> dimensions, boolean complete) {
    }

    private static final Map<String, Namespace> NAMESPACES = Map.of(
            "AWS/Kinesis", new Namespace(Set.of("GetRecords.Bytes", "GetRecords.IteratorAge",
                    "GetRecords.IteratorAgeMilliseconds", "GetRecords.Latency", "GetRecords.Records", "GetRecords.Success",
                    "IncomingBytes", "IncomingRecords", "IteratorAgeMilliseconds", "OutgoingBytes", "OutgoingRecords",
                    "PutRecord.Bytes", "PutRecord.Latency", "PutRecord.Success", "PutRecords.Bytes", "PutRecords.Latency",
                    "PutRecords.Records", "PutRecords.Success", "PutRecords.TotalRecords", "PutRecords.SuccessfulRecords",
                    "PutRecords.FailedRecords", "PutRecords.ThrottledRecords", "ReadProvisionedThroughputExceeded",
                    "WriteProvisionedThroughputExceeded", "SubscribeToShard.RateExceeded", "SubscribeToShard.Success",
                    "SubscribeToShardEvent.Bytes", "SubscribeToShardEvent.MillisBehindLatest",
                    "SubscribeToShardEvent.Records", "SubscribeToShardEvent.Success"),
                    Set.of("StreamName", "ShardId", "ConsumerName"), false),
            "AWS/Lambda", new Namespace(Set.of("Invocations", "Errors", "DeadLetterErrors", "DestinationDeliveryFailures",
                    "Throttles", "OversizedRecordCount", "ProvisionedConcurrencyInvocations",
                    "ProvisionedConcurrencySpilloverInvocations", "RecursiveInvocationsDropped", "Duration",
                    "PostRuntimeExtensionsDuration", "IteratorAge", "OffsetLag", "ConcurrentExecutions",
                    "ProvisionedConcurrentExecutions", "ProvisionedConcurrencyUtilization", "UnreservedConcurrentExecutions",
                    "ClaimedAccountConcurrency", "AsyncEventsReceived", "AsyncEventAge", "AsyncEventsDropped",
                    "PolledEventCount", "InvokedEventCount", "FilteredOutEventCount", "FailedInvokeEventCount",
                    "DeletedEventCount", "DroppedEventCount", "OnFailureDestinationDeliveredEventCount"),
                    Set.of("FunctionName", "Resource", "ExecutedVersion", "EventSourceMappingUUID"), false),
            "AWS/DynamoDB", new Namespace(Set.of("ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits",
                    "ProvisionedReadCapacityUnits", "ProvisionedWriteCapacityUnits", "ReadThrottleEvents",
                    "WriteThrottleEvents", "ThrottledRequests", "SuccessfulRequestLatency", "SystemErrors", "UserErrors",
                    "ConditionalCheckFailedRequests", "TransactionConflict", "ReturnedItemCount", "ReturnedBytes",
                    "ReturnedRecordsCount", "TimeToLiveDeletedItemCount", "ReplicationLatency", "PendingReplicationCount",
                    "OnlineIndexConsumedWriteCapacity", "OnlineIndexPercentageProgress", "OnlineIndexThrottleEvents",
                    "AccountMaxReads", "AccountMaxWrites", "AccountMaxTableLevelReads", "AccountMaxTableLevelWrites",
                    "AccountProvisionedReadCapacityUtilization", "AccountProvisionedWriteCapacityUtilization",
                    "MaxProvisionedTableReadCapacityUtilization", "MaxProvisionedTableWriteCapacityUtilization",
                    "ReadKeyRangeThroughputThrottleEvents", "WriteKeyRangeThroughputThrottleEvents",
                    "ReadProvisionedThroughputThrottleEvents", "WriteProvisionedThroughputThrottleEvents"),
                    Set.of("TableName", "Operation", "GlobalSecondaryIndexName", "ReceivingRegion", "StreamLabel",
                            "OperationType", "Verb"), false),
            "Pipewatch/Streams", new Namespace(Set.of("RecordAge", "RecordsOverThreshold", "RecordsRead", "ReadLag",
                    "TimestampErrors"), Set.of("TableName"), true),
            "Pipewatch/Sources", new Namespace(Set.of("PollFailed"), Set.of("Source"), true),
            ImpactMetrics.NAMESPACE, new Namespace(Set.of(ImpactMetrics.SECONDS_TO_DATA_LOSS,
                    ImpactMetrics.THROUGHPUT_HEADROOM), Set.of(ImpactMetrics.STREAM), true));

    /** Where a problem lies: {@code namespace}, {@code name} or {@code dimensions}, and what to say. */
    /**
     * What a metric's statistic measures: a sample count counts; durations, latencies and ages are in
     * milliseconds (as CloudWatch reports them, and as Pipewatch's own record age and read lag are);
     * sizes in bytes; utilizations in percent; the rest of a known namespace, and any metric called
     * {@code …Count}, counts. Anything else has no unit the service can know: the alarm may say one.
     */
    public static Unit unitOf(MetricId metric, String statistic) {
        String name = metric.name();
        if ("SampleCount".equals(statistic)) {
            return Unit.COUNT;
        }
        if (name.equals(ImpactMetrics.SECONDS_TO_DATA_LOSS)) {
            return Unit.SECONDS;
        }
        if (name.equals(ImpactMetrics.THROUGHPUT_HEADROOM)) {
            return Unit.NONE;
        }
        if (name.endsWith("Milliseconds") || name.endsWith("Latency") || name.endsWith("Duration") || name.endsWith("Age")
                || name.endsWith("MillisBehindLatest") || name.equals(StreamMetrics.READ_LAG)) {
            return Unit.MILLISECONDS;
        }
        if (name.contains("Bytes")) {
            return Unit.BYTES;
        }
        if (name.contains("Utilization") || name.contains("Percentage")) {
            return Unit.PERCENT;
        }
        return NAMESPACES.containsKey(metric.namespace()) || name.endsWith("Count") ? Unit.COUNT : Unit.NONE;
    }

    public record Problem(String field, String message) {
    }

    private KnownMetrics() {
    }

    public static Optional<Problem> check(MetricId metric) {
        Namespace known = NAMESPACES.get(metric.namespace());
        if (known == null) {
            return nearMiss(metric.namespace(), NAMESPACES.keySet())
                    .map(n -> new Problem("namespace", "'" + metric.namespace() + "' is not a CloudWatch namespace"
                            + " Pipewatch knows; did you mean " + n + "?"))
                    .or(() -> metric.measuredByPipewatch() ? Optional.of(new Problem("namespace", "'" + metric.namespace()
                            + "' is not measured by Pipewatch: use one of Pipewatch/Streams, Pipewatch/Sources, " + ImpactMetrics.NAMESPACE)) : Optional.empty());
        }
        if (!known.metrics().contains(metric.name())) {
            Optional<String> near = nearMiss(metric.name(), known.metrics());
            if (near.isPresent() || known.complete()) {
                return Optional.of(new Problem("name", "'" + metric.name() + "' is not a metric of " + metric.namespace()
                        + near.map(n -> "; did you mean " + n + "?").orElse(": use one of " + sorted(known.metrics()))));
            }
        }
        for (String dimension : metric.dimensions().keySet()) {
            if (!known.dimensions().contains(dimension)) {
                Optional<String> near = nearMiss(dimension, known.dimensions());
                if (near.isPresent() || known.complete()) {
                    return Optional.of(new Problem("dimensions", "'" + dimension + "' is not a dimension of "
                            + metric.namespace() + near.map(n -> "; did you mean " + n + "?")
                                    .orElse(": use " + sorted(known.dimensions()))));
                }
            }
        }
        return Optional.empty();
    }

    private static String sorted(Collection<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }

    /** The known name a spelling most likely meant: same letters in another case, or at most two edits away. */
    static Optional<String> nearMiss(String spelling, Collection<String> known) {
        String lower = spelling.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(k -> !k.equals(spelling))
                .map(k -> Map.entry(k, Spelling.distance(lower, k.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= 2)
                .min(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue()).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }
}
