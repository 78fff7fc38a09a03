package io.pipewatch.dashboard;

import java.util.List;

/**
 * A stage as written in a dashboard file: one resource by {@code name}, or every resource whose name
 * starts with {@code name_prefix}, found when the catalog resolves the dashboard. Holds what the
 * golden-signal panels need, so discovered resources get the same panels as named ones.
 */
record StageSpec(StageType type, String name, String prefix, String title, Double timeoutMs, Double provisionedWcu,
        String namespace) {

    boolean discovered() {
        return prefix != null;
    }

    Stage stage(String resource, String id, double saturationThresholdMs) {
        String heading = title == null ? type.description() + " " + resource
                : discovered() ? title + ": " + resource : title;
        return new Stage(id, type, resource, heading,
                GoldenSignals.panels(type, resource, namespace, timeoutMs, provisionedWcu, saturationThresholdMs));
    }

    /** Shown in place of the stages of a prefix that matches nothing (yet), saying why. */
    Stage placeholder(String id, String why) {
        String heading = (title == null ? type.description() + "s" : title) + " " + prefix + "*: " + why;
        return new Stage(id, type, prefix + "*", heading, List.of());
    }
}
