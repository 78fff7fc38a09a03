package io.pipewatch.signal;

/** One stored series: a metric read with one statistic, as a GetMetricData query returns it. */
public record SeriesKey(MetricId metric, String statistic) {

    /** A stable, URL-safe-enough identifier used by the dashboard API and live updates. */
    public String id() {
        return metric + ":" + statistic;
    }

    @Override
    public String toString() {
        return id();
    }
}
