package io.pipewatch.signal;

import java.util.Map;

/** The series Pipewatch measures from a table's stream, named like CloudWatch metrics. */
public final class StreamMetrics {

    public static final String NAMESPACE = "Pipewatch/Streams";
    /** now − the record's own timestamp, at the moment Pipewatch reads it (ms). */
    public static final String RECORD_AGE = "RecordAge";
    /** Records at least the saturation threshold behind now. */
    public static final String RECORDS_OVER_THRESHOLD = "RecordsOverThreshold";
    public static final String RECORDS_READ = "RecordsRead";
    /** now − ApproximateCreationDateTime: how far behind the stream Pipewatch itself reads (ms). */
    public static final String READ_LAG = "ReadLag";
    /** Records whose timestamp attribute could not be read. */
    public static final String TIMESTAMP_ERRORS = "TimestampErrors";

    private StreamMetrics() {
    }

    public static SeriesKey key(String table, String metric, String statistic) {
        return new SeriesKey(MetricId.of(NAMESPACE, metric, Map.of("TableName", table)), statistic);
    }
}
