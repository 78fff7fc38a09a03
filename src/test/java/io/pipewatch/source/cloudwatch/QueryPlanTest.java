package io.pipewatch.source.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryPlanTest {

    @ParameterizedTest(name = "{0} metrics with up to {1} statistics, {2} points per query")
    @CsvSource({
            "40, 1, 60, 1",
            "1000, 3, 60, 4",
            "10000, 3, 5, 40",
            "10000, 5, 5, 60",
            "3000, 1, 1440, 43"})
    void usesTheFewestCallsTheLimitsAllow(int metrics, int maxStatistics, long pointsPerQuery, int expectedCalls) {
        Set<SeriesKey> wanted = wanted(metrics, maxStatistics);
        var batches = QueryPlan.batches(wanted, pointsPerQuery);
        int perCall = (int) Math.min(QueryPlan.MAX_QUERIES, QueryPlan.MAX_DATAPOINTS / pointsPerQuery);
        assertEquals((wanted.size() + perCall - 1) / perCall, expectedCalls, "the lower bound");
        assertEquals(expectedCalls, batches.size());
        assertTrue(batches.stream().allMatch(b -> b.size() <= perCall && b.size() * pointsPerQuery <= QueryPlan.MAX_DATAPOINTS));
        assertEquals(wanted, batches.stream().flatMap(List::stream).map(QueryPlan.Query::key).collect(Collectors.toSet()));
        assertEquals(metrics, QueryPlan.billedMetrics(batches), "a metric's statistics stay in one call, billed once");
        for (var batch : batches) {
            assertEquals(batch.size(), batch.stream().map(QueryPlan.Query::id).distinct().count(), "ids unique per call");
        }
    }

    private static Set<SeriesKey> wanted(int metrics, int maxStatistics) {
        List<String> statistics = List.of("Sum", "Maximum", "p99", "p50", "Average");
        Set<SeriesKey> out = new HashSet<>();
        for (int i = 0; i < metrics; i++) {
            for (int s = 0; s <= i % maxStatistics; s++) {
                out.add(new SeriesKey(MetricId.of("AWS/Lambda", "Duration", Map.of("FunctionName", "fn-" + i)), statistics.get(s)));
            }
        }
        return out;
    }
}
