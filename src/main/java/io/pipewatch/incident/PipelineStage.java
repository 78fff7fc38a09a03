package io.pipewatch.incident;

import io.pipewatch.signal.MetricId;
import java.util.List;
import java.util.Set;

/**
 * One stage of a pipeline, as incidents need it: its {@code type} as the dashboard files spell it
 * ({@code kinesis-stream}, {@code lambda}, {@code dynamodb-table}, {@code dynamodb-stream}, {@code late-logs}), the
 * resource it shows, the metrics it charts (how an alarm is placed on it), and the ids of the stages its data flows
 * into ({@code feeds}), and what bounds its throughput and patience ({@code capacity}).
 */
public record PipelineStage(String id, String type, String resource, String title, Set<MetricId> metrics,
        List<String> feeds, StageCapacity capacity) {

    public static final String KINESIS_STREAM = "kinesis-stream";
    public static final String LAMBDA = "lambda";

    public PipelineStage {
        metrics = Set.copyOf(metrics);
        feeds = List.copyOf(feeds);
    }

    public PipelineStage(String id, String type, String resource, String title, Set<MetricId> metrics, List<String> feeds) {
        this(id, type, resource, title, metrics, feeds, StageCapacity.DEFAULT);
    }
}
