package io.pipewatch.dashboard;

import java.util.List;

/** One stage of a pipeline on a dashboard, with its golden-signal panels. */
public record Stage(String id, StageType type, String resource, String title, List<Panel> panels) {
}
