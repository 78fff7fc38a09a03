package io.pipewatch.signal;

import java.util.List;

/** The datapoints a source returned for one series. */
public record SeriesData(SeriesKey key, List<Datapoint> points) {
}
