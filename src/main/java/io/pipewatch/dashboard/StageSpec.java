package io.pipewatch.dashboard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A stage as written in a dashboard file: one resource by {@code name}, or every resource whose name
 * starts with {@code name_prefix} or that carries all of {@code tags}, found when the catalog resolves
 * the dashboard. Holds what the golden-signal panels need, so discovered resources get the same
 * panels as named ones.
 */
record StageSpec(StageType type, String name, String prefix, Map<String, String> tags, String title, Double timeoutMs,
        Double provisionedWcu, String namespace) {

    StageSpec {
        tags = Map.copyOf(tags);
    }

    boolean discovered() {
        return prefix != null || !tags.isEmpty();
    }

    Stage stage(String resource, String id, double saturationThresholdMs) {
        String heading = title == null ? type.description() + " " + resource
                : discovered() ? title + ": " + resource : title;
        return new Stage(id, type, resource, heading,
                GoldenSignals.panels(type, resource, namespace, timeoutMs, provisionedWcu, saturationThresholdMs));
    }

    /** Shown in place of the stages of a prefix or tags that match nothing (yet), saying why. */
    Stage placeholder(String id, String why) {
        String heading = (title == null ? type.description() + "s" : title) + " " + selector() + ": " + why;
        return new Stage(id, type, selector(), heading, List.of());
    }

    /** How the file picks the resources: {@code ingest-*} or {@code tagged pipeline=impressions}. */
    String selector() {
        return prefix != null ? prefix + "*" : "tagged " + new TreeMap<>(tags).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
