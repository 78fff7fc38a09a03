package io.pipewatch.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipewatch.signal.SeriesKey;

/**
 * One line of a chart. {@code perSecond} charts a per-period sum as a rate, so the line does not
 * change height when the data's resolution changes (10 s demo, 60 s CloudWatch).
 */
public record PanelSeries(@JsonIgnore SeriesKey key, String label, String unit, boolean perSecond) {

    @JsonProperty("id")
    public String id() {
        return key.id();
    }
}
