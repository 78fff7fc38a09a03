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
        // Ids first: a stage feeds every stage its spec's targets expand to, which may come later in the list.
        List<List<String>> ids = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (StageSpec spec : stages) {
            List<String> resources = !spec.discovered() ? List.of(spec.name())
                    : found(found, spec).resources().isEmpty() ? List.of(spec.selector()) : found(found, spec).resources();
            ids.add(resources.stream().map(r -> anchor(spec, r, taken)).toList());
        }
        List<Stage> out = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            StageSpec spec = stages.get(s);
            List<Integer> targets = spec.feeds().orElse(s + 1 < stages.size() ? List.of(s + 1) : List.of());
            List<String> feeds = targets.stream().flatMap(t -> ids.get(t).stream()).toList();
            List<String> mine = ids.get(s);
            if (!spec.discovered()) {
                out.add(spec.stage(spec.name(), mine.get(0), feeds, saturationThreshold.toMillis()));
                continue;
            }
            Found f = found(found, spec);
            if (f.resources().isEmpty()) {
                out.add(spec.placeholder(mine.get(0), feeds, f.why()));
            }
            for (int r = 0; r < f.resources().size(); r++) {
                out.add(spec.stage(f.resources().get(r), mine.get(r), feeds, saturationThreshold.toMillis()));
            }
        }
        return new DashboardDefinition(id, title, description, List.copyOf(out), file);
    }

    /**
     * A stage's id, its anchor on the page: {@code stage-<resource>} ({@code #stage-ingest-impressions}), with the
     * type before the resource when two stages show the same name (a table and its stream).
     */
    private static String anchor(StageSpec spec, String resource, java.util.Set<String> taken) {
        String slug = resource.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String id = "stage-" + slug;
        if (!taken.add(id)) {
            id = "stage-" + spec.type().spelling() + "-" + slug;
            for (int n = 2; !taken.add(id); n++) {
                id = "stage-" + spec.type().spelling() + "-" + slug + "-" + n;
            }
        }
        return id;
    }

    private static Found found(Map<StageSpec, Found> found, StageSpec spec) {
        return found.getOrDefault(spec, new Found(List.of(), "not looked up yet"));
    }
}
