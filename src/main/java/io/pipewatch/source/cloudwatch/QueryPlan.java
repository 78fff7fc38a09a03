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

    /**
     * Packs each metric's statistics, largest groups first, into the first call with room
     * (first-fit decreasing). A metric has at most a handful of statistics, so small groups fill the
     * gaps the large ones leave and calls come out as few as ⌈queries ÷ per-call limit⌉.
     *
     * @param pointsPerQuery datapoints each query may return in the window (window ÷ period)
     */
    public static List<List<Query>> batches(Collection<SeriesKey> wanted, long pointsPerQuery) {
        int perCall = (int) Math.max(1, Math.min(MAX_QUERIES, MAX_DATAPOINTS / Math.max(1, pointsPerQuery)));
        Map<MetricId, List<SeriesKey>> byMetric = new LinkedHashMap<>();
        for (SeriesKey key : wanted) {
            byMetric.computeIfAbsent(key.metric(), m -> new ArrayList<>()).add(key);
        }
        List<List<SeriesKey>> groups = new ArrayList<>(byMetric.values());
        groups.sort(Comparator.comparingInt((List<SeriesKey> g) -> -g.size()));
        List<List<SeriesKey>> calls = new ArrayList<>();
        List<List<SeriesKey>> open = new ArrayList<>(); // calls with room left, in the order they were opened
        for (List<SeriesKey> group : groups) {
            if (group.size() > perCall) { // more statistics than one call holds: split, in full calls
                for (int from = 0; from < group.size(); from += perCall) {
                    calls.add(new ArrayList<>(group.subList(from, Math.min(group.size(), from + perCall))));
                }
                continue;
            }
            List<SeriesKey> target = null;
            for (List<SeriesKey> call : open) {
                if (call.size() + group.size() <= perCall) {
                    target = call;
                    break;
                }
            }
            if (target == null) {
                target = new ArrayList<>();
                calls.add(target);
                open.add(target);
            }
            target.addAll(group);
            if (target.size() == perCall) {
                open.remove(target);
            }
        }
        List<List<Query>> batches = new ArrayList<>();
        for (List<SeriesKey> call : calls) {
            List<Query> batch = new ArrayList<>(call.size());
            for (SeriesKey key : call) {
                batch.add(new Query("q" + batch.size(), key));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Metrics billed: each distinct metric once per call it appears in. */
    public static long billedMetrics(List<List<Query>> batches) {
        return batches.stream().mapToLong(b -> b.stream().map(q -> q.key().metric()).distinct().count()).sum();
    }
}
