package io.pipewatch.signal;

/** One stored series: a metric read with one statistic, as a GetMetricData query returns it. */
public record SeriesKey(MetricId metric, String statistic) {

    /** A stable, URL-safe-enough identifier used by the dashboard API and live updates. */
    public String id() {
        return metric + ":" + statistic;
    }

    /**
     * Reads an id back: {@code AWS/Lambda Errors{FunctionName=ingest}:Sum}.
     *
     * @throws IllegalArgumentException saying what the id lacks
     */
    public static SeriesKey parse(String id) {
        var m = java.util.regex.Pattern.compile("(\\S+) ([^{]+)\\{([^}]*)\\}:(\\S+)").matcher(id.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a series such as 'AWS/Lambda Errors{FunctionName=ingest}:Sum'"
                    + " (namespace, metric, {dimensions}, :statistic)");
        }
        java.util.Map<String, String> dimensions = new java.util.TreeMap<>();
        for (String pair : m.group(3).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("dimension '" + pair.trim() + "' of '" + id + "' is not name=value");
            }
            dimensions.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new SeriesKey(MetricId.of(m.group(1), m.group(2), dimensions), m.group(4));
    }

    @Override
    public String toString() {
        return id();
    }
}
