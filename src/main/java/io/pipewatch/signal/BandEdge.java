package io.pipewatch.signal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One edge of the anomaly detection band CloudWatch computes for a series
 * ({@code ANOMALY_DETECTION_BAND(m, width)}), stored as a series of its own beside the metric's:
 * the series' statistic followed by {@code :band_lower:width} or {@code :band_upper:width}, e.g.
 * {@code AWS/Kinesis IncomingRecords{StreamName=s}:Sum:band_upper:2}. The width is part of the key because
 * two alarms may watch one metric with bands of different widths.
 */
public record BandEdge(SeriesKey of, double width, boolean upper) {

    private static final Pattern SUFFIX = Pattern.compile("(.+):band_(lower|upper):(\\d+(\\.\\d+)?)");

    public static SeriesKey lower(SeriesKey of, double width) {
        return new BandEdge(of, width, false).key();
    }

    public static SeriesKey upper(SeriesKey of, double width) {
        return new BandEdge(of, width, true).key();
    }

    /** The edge a stored series stands for, when it is one. */
    public static Optional<BandEdge> of(SeriesKey key) {
        var m = SUFFIX.matcher(key.statistic());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BandEdge(new SeriesKey(key.metric(), m.group(1)), Double.parseDouble(m.group(3)),
                m.group(2).equals("upper")));
    }

    public SeriesKey key() {
        return new SeriesKey(of.metric(), of.statistic() + ":band_" + (upper ? "upper" : "lower") + ":" + widthText(width));
    }

    /** 2 → "2", 1.5 → "1.5": as written in ANOMALY_DETECTION_BAND(m1, 2). */
    public static String widthText(double width) {
        return width == Math.rint(width) ? Long.toString((long) width) : Double.toString(width);
    }
}
