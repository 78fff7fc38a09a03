package io.pipewatch.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pipewatch.incident.StageCapacity;
import java.util.List;

/**
 * One stage of a pipeline on a dashboard, with its golden-signal panels, the ids of the stages it feeds, and what
 * bounds its throughput ({@code retention:} and {@code shards:} of a stream, {@code batch_size:} of a Lambda).
 */
public record Stage(String id, StageType type, String resource, String title, List<Panel> panels, List<String> feeds,
        @JsonIgnore StageCapacity capacity) {

    public Stage {
        feeds = List.copyOf(feeds);
    }
}
