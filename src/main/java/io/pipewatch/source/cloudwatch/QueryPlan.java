package io.pipewatch.source.cloudwatch;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the fewest GetMetricData calls for the wanted series: at most 500 queries a call, all
 * statistics of one metric in the same call (CloudWatch bills up to 5 statistics of a metric in one
 * call as one metric), and no call asking for more than 100,800 datapoints.
 */
public final class QueryPlan {

    public static final int MAX_QUERIES = 500;
    public static final long MAX_DATAPOINTS = 100_800;

    /** One query of a call, with the id its result comes back under. */
    public record Query(String id, SeriesKey key) {
    }

    private QueryPlan() {
    }

    /** @param pointsPerQuery datapoints each query may return in the window (window ÷ period) */
    public static List<List<Query>> batches(Collection<SeriesKey> wanted, long pointsPerQuery) {
        int perCall = (int) Math.max(1, Math.min(MAX_QUERIES, MAX_DATAPOINTS / Math.max(1, pointsPerQuery)));
        Map<MetricId, List<SeriesKey>> byMetric = new LinkedHashMap<>();
        wanted.stream().sorted(Comparator.comparing(SeriesKey::id))
                .forEach(k -> byMetric.computeIfAbsent(k.metric(), m -> new ArrayList<>()).add(k));
        List<List<Query>> batches = new ArrayList<>();
        List<Query> current = new ArrayList<>();
        for (List<SeriesKey> statistics : byMetric.values()) {
            if (!current.isEmpty() && current.size() + statistics.size() > perCall) {
                batches.add(current);
                current = new ArrayList<>();
            }
            for (SeriesKey key : statistics) {
                if (current.size() == perCall) { // a metric with more statistics than fit a call
                    batches.add(current);
                    current = new ArrayList<>();
                }
                current.add(new Query("q" + current.size(), key));
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Metrics billed: each distinct metric once per call it appears in. */
    public static long billedMetrics(List<List<Query>> batches) {
        return batches.stream().mapToLong(b -> b.stream().map(q -> q.key().metric()).distinct().count()).sum();
    }
}
