package io.pipewatch.dashboard;

import java.util.List;

/** One stage of a pipeline on a dashboard, with its golden-signal panels and the ids of the stages it feeds. */
public record Stage(String id, StageType type, String resource, String title, List<Panel> panels, List<String> feeds) {

    public Stage {
        feeds = List.copyOf(feeds);
    }
}
