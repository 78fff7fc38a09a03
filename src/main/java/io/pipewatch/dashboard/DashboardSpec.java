package io.pipewatch.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A dashboard as written in {@code dashboards/<id>.yaml}, before name prefixes are resolved. */
record DashboardSpec(String id, String title, String description, List<StageSpec> stages, Path file) {

    /** What a prefix resolved to: the resources found, or why there are none to show. */
    record Found(List<String> resources, String why) {
    }

    /**
     * The dashboard with each prefix stage expanded into one stage per resource found; a prefix without
     * resources keeps its place with a note, so the reader sees the dashboard expects something there.
     */
    DashboardDefinition resolve(Map<StageSpec, Found> found, Duration saturationThreshold) {
        List<Stage> out = new ArrayList<>();
        for (StageSpec spec : stages) {
            if (!spec.discovered()) {
                out.add(spec.stage(spec.name(), "stage-" + out.size(), saturationThreshold.toMillis()));
                continue;
            }
            Found f = found.getOrDefault(spec, new Found(List.of(), "not looked up yet"));
            if (f.resources().isEmpty()) {
                out.add(spec.placeholder("stage-" + out.size(), f.why()));
            }
            for (String resource : f.resources()) {
                out.add(spec.stage(resource, "stage-" + out.size(), saturationThreshold.toMillis()));
            }
        }
        return new DashboardDefinition(id, title, description, List.copyOf(out), file);
    }
}
