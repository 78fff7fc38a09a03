package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.config.DefinitionProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theShippedDashboardHasAGoldenSignalRowPerStage() {
        var problems = new DefinitionProblems();
        var dashboards = new DashboardLoader(java.time.Duration.ofMinutes(10)).load(Path.of("dashboards"), problems);
        assertTrue(problems.isEmpty(), problems.report());
        var demo = dashboards.get(0);
        assertEquals("demo-pipeline", demo.id());
        assertEquals(6, demo.stages().size());
        var lambda = demo.stages().get(1);
        assertEquals(List.of("latency", "traffic", "errors", "saturation"),
                lambda.panels().stream().map(Panel::signal).toList());
        assertEquals(15_000.0, lambda.panels().get(0).reference(), "the Lambda's timeout is drawn beside its duration");
        assertEquals("AWS/Lambda Duration{FunctionName=ingest-impressions}:p99",
                lambda.panels().get(0).series().get(2).id());
        var stream = demo.stages().get(3);
        assertEquals(StageType.DYNAMODB_STREAM, stream.type());
        assertTrue(DashboardDefinition.metricsOf(stream).contains(io.pipewatch.signal.StreamMetrics
                .key("demo-impressions", "RecordsOverThreshold", "Sum").metric()),
                "the saturation alarm's metric is charted, so the alarm shows beside the stage");
    }

    @Test
    void dataFlowsIntoTheNextStageUnlessAStageSaysWhereAndAPrefixFeedsAndIsFedAsAllItsResources() {
        var problems = new DefinitionProblems();
        var specs = new DashboardLoader(java.time.Duration.ofMinutes(10)).specs(Path.of("dashboards"), problems);
        assertTrue(problems.isEmpty(), problems.report());
        var rollups = specs.get(0).stages().get(4);
        var demo = specs.get(0).resolve(java.util.Map.of(rollups, new DashboardSpec.Found(List.of("rollup-daily", "rollup-hourly"), "")),
                java.time.Duration.ofMinutes(10));
        assertEquals(List.of("stage-device-logs", "stage-ingest-impressions", "stage-demo-impressions",
                "stage-dynamodb-stream-demo-impressions", "stage-rollup-daily", "stage-rollup-hourly", "stage-monitor-late-data"),
                demo.stages().stream().map(Stage::id).toList(), "anchors by resource, the type added where names repeat");
        assertEquals(List.of(List.of("stage-ingest-impressions"), List.of("stage-demo-impressions"),
                List.of("stage-dynamodb-stream-demo-impressions"), List.of("stage-rollup-daily", "stage-rollup-hourly"),
                List.of(), List.of(), List.of("stage-demo-impressions")), demo.stages().stream().map(Stage::feeds).toList(),
                "device-logs → ingest → table → its stream → both roll-ups; late logs → the table");
    }

    @Test
    void capacitiesAreReadPerTypeWithinWhatAwsAllows() throws IOException {
        Files.writeString(dir.resolve("c.yaml"), """
                title: Capacity
                stages:
                  - type: kinesis-stream
                    name: s
                    shards: 0
                    retention: 1h
                  - type: lambda
                    name: f
                    batch_size: 20000
                  - type: lambda
                    name: g
                    shards: 2
                """);
        var problems = new DefinitionProblems();
        new DashboardLoader(java.time.Duration.ofMinutes(10)).load(dir, problems);
        assertEquals(List.of(
                dir.resolve("c.yaml") + ":5:5: stages[0].shards: must be at least 1",
                dir.resolve("c.yaml") + ":6:5: stages[0].retention: must be between 24h and 8760h (365 days), as Kinesis allows",
                dir.resolve("c.yaml") + ":9:5: stages[1].batch_size: must be between 1 and 10000, as Lambda's Kinesis event source allows",
                dir.resolve("c.yaml") + ":12:5: stages[2].shards: is read for kinesis-stream stages only, not lambda"),
                problems.all().stream().map(Object::toString).toList());
        var problemsFree = new DefinitionProblems();
        var demo = new DashboardLoader(java.time.Duration.ofMinutes(10)).load(Path.of("dashboards"), problemsFree).get(0);
        assertEquals(new io.pipewatch.incident.StageCapacity(java.time.Duration.ofHours(24), 1, 100), demo.stages().get(0).capacity());
        assertEquals(100, demo.stages().get(1).capacity().batchSize());
    }

    @Test
    void aFeedsReferenceMustNameExactlyOneStage() throws IOException {
        Files.writeString(dir.resolve("f.yaml"), """
                title: Feeds
                stages:
                  - type: dynamodb-table
                    name: t
                    feeds: [t]
                  - type: dynamodb-stream
                    name: t
                    feeds: [nowhere]
                  - type: lambda
                    name_prefix: rollup-
                    feeds: [dynamodb-table:t, rollup-*]
                """);
        var problems = new DefinitionProblems();
        new DashboardLoader(java.time.Duration.ofMinutes(10)).load(dir, problems);
        String stages = "write one of dynamodb-table:t, dynamodb-stream:t, lambda:rollup-*";
        assertEquals(List.of(
                dir.resolve("f.yaml") + ":5:5: stages[0].feeds: 't' names 2 stages; " + stages,
                dir.resolve("f.yaml") + ":8:5: stages[1].feeds: 'nowhere' names no stage; " + stages),
                problems.all().stream().map(Object::toString).toList());
    }

    @Test
    void reportsEveryProblemWithFileLineAndKey() throws IOException {
        Files.writeString(dir.resolve("p.yaml"), """
                title: Broken
                refresh: 5s
                stages:
                  - type: kinesis
                    name: s
                  - type: lambda
                    timeout: soon
                """);
        var problems = new DefinitionProblems();
        var dashboards = new DashboardLoader(java.time.Duration.ofMinutes(10)).load(dir, problems);
        assertEquals(List.of(), dashboards);
        assertEquals(List.of(
                dir.resolve("p.yaml") + ":2:1: refresh: unknown key",
                dir.resolve("p.yaml") + ":4:5: stages[0].type: 'kinesis' is not one of kinesis-stream, lambda, dynamodb-table, dynamodb-stream, late-logs",
                dir.resolve("p.yaml") + ":6:5: stages[1].name: is required: the resource's name (or name_prefix: or tags: to show every resource they match)",
                dir.resolve("p.yaml") + ":7:5: stages[1].timeout: 'soon' is not a duration such as 60, 60s, 5m or 1h"),
                problems.all().stream().map(Object::toString).toList());
    }

    @Test
    void aStageNamesItsResourcesOneWayAndStreamsAreNotDiscovered() throws IOException {
        Files.writeString(dir.resolve("d.yaml"), """
                title: Discovery
                stages:
                  - type: lambda
                    name: ingest
                    name_prefix: ingest-
                  - type: dynamodb-stream
                    tags: {pipeline: impressions}
                """);
        var problems = new DefinitionProblems();
        new DashboardLoader(java.time.Duration.ofMinutes(10)).load(dir, problems);
        assertEquals(List.of(
                dir.resolve("d.yaml") + ":5:5: stages[0].name_prefix: use one of name, name_prefix and tags: a stage shows one resource by name, or all by a prefix or tags",
                dir.resolve("d.yaml") + ":7:5: stages[1].tags: is not available for dynamodb-stream: tailed tables are listed in pipewatch.streams.tables; name each one"),
                problems.all().stream().map(Object::toString).toList());
    }
}
