package io.pipewatch.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A stage as written in a dashboard file: one resource by {@code name}, or every resource whose name
 * starts with {@code name_prefix} or that carries all of {@code tags}, found when the catalog resolves
 * the dashboard. Holds what the golden-signal panels need, so discovered resources get the same
 * panels as named ones.
 */
record StageSpec(StageType type, String name, String prefix, Map<String, String> tags, String title, Double timeoutMs,
        Double provisionedWcu, String namespace, Optional<List<Integer>> feeds, io.pipewatch.incident.StageCapacity capacity) {

    StageSpec {
        tags = Map.copyOf(tags);
    }

    /**
     * True when {@code reference} (as {@code feeds:} writes it) names this stage: its name, its prefix with a
     * {@code *} ({@code rollup-*}), either after its type and a colon ({@code dynamodb-table:demo-impressions}).
     */
    boolean named(String reference) {
        String plain = reference.startsWith(type.spelling() + ":") ? reference.substring(type.spelling().length() + 1) : reference;
        return plain.equals(name) || prefix != null && plain.equals(prefix + "*");
    }

    /** How {@code feeds:} can name this stage without ambiguity. */
    String reference() {
        return type.spelling() + ":" + (name != null ? name : prefix != null ? prefix + "*" : selector());
    }

    boolean discovered() {
        return prefix != null || !tags.isEmpty();
    }

    Stage stage(String resource, String id, List<String> feedsInto, double saturationThresholdMs) {
        String heading = title == null ? type.description() + " " + resource
                : discovered() ? title + ": " + resource : title;
        return new Stage(id, type, resource, heading,
                GoldenSignals.panels(type, resource, namespace, timeoutMs, provisionedWcu, saturationThresholdMs), feedsInto,
                capacity);
    }

    /** Shown in place of the stages of a prefix or tags that match nothing (yet), saying why. */
    Stage placeholder(String id, List<String> feedsInto, String why) {
        String heading = (title == null ? type.description() + "s" : title) + " " + selector() + ": " + why;
        return new Stage(id, type, selector(), heading, List.of(), feedsInto, capacity);
    }

    /** How the file picks the resources: {@code ingest-*} or {@code tagged pipeline=impressions}. */
    String selector() {
        return prefix != null ? prefix + "*" : "tagged " + new TreeMap<>(tags).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
