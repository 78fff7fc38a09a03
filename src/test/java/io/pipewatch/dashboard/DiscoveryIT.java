package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.signal.SeriesDemand;
import io.pipewatch.source.cloudwatch.CloudWatchDiscovery;
import io.pipewatch.testing.CloudWatchFake;
import io.pipewatch.testing.TaggingFake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/** Name prefixes on a dashboard resolved with ListMetrics by the real SDK client against the wire-level fake. */
class DiscoveryIT {

    @TempDir
    Path dir;
    private final CloudWatchFake fake = new CloudWatchFake();
    private final CloudWatchClient client = fake.client();
    private final TaggingFake tagging = new TaggingFake();
    private final ResourceGroupsTaggingApiClient taggingClient = tagging.client();
    private final SeriesDemand demand = new SeriesDemand();
    private DashboardCatalog catalog;

    @BeforeEach
    void dashboard() throws IOException {
        Files.writeString(dir.resolve("pipeline.yaml"), """
                title: Pipeline
                stages:
                  - type: kinesis-stream
                    name: device-logs
                  - type: lambda
                    name_prefix: ingest-
                    title: Ingest
                    timeout: 15s
                  - type: lambda
                    name_prefix: reprocess-
                  - type: dynamodb-table
                    tags: {pipeline: impressions, env: prod}
                """);
        catalog = new DashboardCatalog(dir, Duration.ofMinutes(10), Duration.ofMinutes(10), demand,
                Optional.of(new CloudWatchDiscovery(() -> client, () -> taggingClient)));
        assertTrue(catalog.problems().isEmpty(), catalog.problems().report());
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
        taggingClient.close();
        tagging.close();
    }

    @Test
    void aPrefixBecomesOneStagePerActiveResourceAndNewOnesAppearOnRefresh() {
        assertEquals(List.of("Kinesis stream device-logs", "Ingest ingest-*: not looked up yet",
                "Lambda functions reprocess-*: not looked up yet"), titles(), "before the first lookup the places are kept");

        lambda("ingest-a");
        lambda("ingest-b");
        fake.listable("AWS/Lambda", "Invocations", Map.of("FunctionName", "ingest-a", "Resource", "ingest-a:live"));
        lambda("other-function");
        fake.listPageSize(2);
        catalog.refresh();

        assertEquals(List.of("Kinesis stream device-logs", "Ingest: ingest-a", "Ingest: ingest-b",
                "Lambda functions reprocess-*: no resource found"), titles());
        var ingestB = catalog.all().get(0).stages().get(2);
        assertEquals(15_000.0, ingestB.panels().get(0).reference(), "a discovered function gets the stage's timeout line");
        assertTrue(demand.all().stream().anyMatch(k -> k.id().equals("AWS/Lambda Duration{FunctionName=ingest-b}:p99")),
                "its series are polled from the next cycle");

        var lists = fake.calls().stream().filter(c -> c.operation().equals("ListMetrics")).toList();
        var first = lists.get(0).input();
        assertEquals("AWS/Lambda", first.get("Namespace").asText());
        assertEquals("Invocations", first.get("MetricName").asText());
        assertEquals("FunctionName", first.get("Dimensions").get(0).get("Name").asText());
        assertEquals(false, first.get("Dimensions").get(0).has("Value"), "ListMetrics has no prefix filter; it is matched here");
        assertEquals("PT3H", first.get("RecentlyActive").asText(), "only resources active in the last 3 hours");
        assertEquals(List.of(false, true), lists.stream().limit(2).map(c -> c.input().has("NextToken")).toList(),
                "the second page is asked for with the token");

        lambda("ingest-c");
        catalog.refresh();
        assertEquals(List.of("Kinesis stream device-logs", "Ingest: ingest-a", "Ingest: ingest-b", "Ingest: ingest-c",
                "Lambda functions reprocess-*: no resource found"), titles(), "a new function appears without a restart");
    }

    @Test
    void aFailedLookupKeepsWhatTheLastOneFound() {
        lambda("ingest-a");
        catalog.refresh();
        fake.failNext(new CloudWatchFake.Failure(400, "Throttling"));
        fake.failNext(new CloudWatchFake.Failure(400, "Throttling"));
        catalog.refresh();
        assertEquals(List.of("Kinesis stream device-logs", "Ingest: ingest-a"), titles().subList(0, 2),
                "a flaky ListMetrics must not empty the dashboard mid-incident");
        assertTrue(titles().get(2).startsWith("Lambda functions reprocess-*: discovery failed: CloudWatch ListMetrics failed:"),
                "a prefix with nothing to keep says why it is empty: " + titles().get(2));

        var fresh = new DashboardCatalog(dir, Duration.ofMinutes(10), Duration.ofMinutes(10), new SeriesDemand(),
                Optional.of(new CloudWatchDiscovery(() -> client, () -> taggingClient)));
        fake.failNext(new CloudWatchFake.Failure(500, "InternalServiceError"));
        fresh.refresh();
        assertTrue(fresh.all().get(0).stages().get(1).title().startsWith("Ingest ingest-*: discovery failed: CloudWatch ListMetrics failed"),
                fresh.all().get(0).stages().get(1).title());
    }

    private void lambda(String function) {
        fake.listable("AWS/Lambda", "Invocations", Map.of("FunctionName", function));
    }

    private List<String> titles() {
        return catalog.all().get(0).stages().stream().filter(s -> s.type() != StageType.DYNAMODB_TABLE).map(Stage::title).toList();
    }

    @Test
    void tagsSelectResourcesWithAllOfThemAcrossPages() {
        String arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/";
        tagging.tag(arn + "impressions-hourly", Map.of("pipeline", "impressions", "env", "prod"));
        tagging.tag(arn + "impressions-daily", Map.of("pipeline", "impressions", "env", "prod", "team", "ads"));
        tagging.tag(arn + "impressions-staging", Map.of("pipeline", "impressions", "env", "staging"));
        tagging.tag("arn:aws:lambda:eu-west-1:123456789012:function:impressions-fn", Map.of("pipeline", "impressions", "env", "prod"));
        tagging.pageSize(1);
        catalog.refresh();

        assertEquals(List.of("DynamoDB table impressions-daily", "DynamoDB table impressions-hourly"),
                catalog.all().get(0).stages().stream().filter(s -> s.type() == StageType.DYNAMODB_TABLE).map(Stage::title).toList(),
                "both tags must match, tables only, named as the TableName dimension names them");
        var calls = tagging.calls();
        assertEquals("dynamodb:table", calls.get(0).get("ResourceTypeFilters").get(0).asText());
        assertEquals(2, calls.get(0).get("TagFilters").size());
        assertEquals(2, calls.size(), "pages followed until the API's empty token");
    }
}
