package io.pipewatch.dashboard;

import java.time.Duration;
import java.util.List;

/**
 * One stage of a pipeline on a dashboard, with its golden-signal panels, the ids of the stages it feeds, and for a
 * Kinesis stream how long it keeps a record ({@code retention:}, 24 hours by default, as AWS creates streams).
 */
public record Stage(String id, StageType type, String resource, String title, List<Panel> panels, List<String> feeds,
        Duration retention) {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    public Stage {
        feeds = List.copyOf(feeds);
    }
}
