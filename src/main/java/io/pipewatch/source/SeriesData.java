package io.pipewatch.source;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesKey;
import java.util.List;

/** The datapoints a source returned for one series. */
public record SeriesData(SeriesKey key, List<Datapoint> points) {
}
