package io.pipewatch.signal;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A CloudWatch metric: namespace, name and dimensions (sorted, so equal metrics compare equal). */
public record MetricId(String namespace, String name, SortedMap<String, String> dimensions) {

    public MetricId {
        dimensions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    public static MetricId of(String namespace, String name, Map<String, String> dimensions) {
        return new MetricId(namespace, name, new TreeMap<>(dimensions));
    }

    /** Pipewatch's own series ({@code Pipewatch/…}): measured by Pipewatch, never read from CloudWatch. */
    public boolean measuredByPipewatch() {
        return namespace.startsWith("Pipewatch/");
    }

    @Override
    public String toString() {
        String dims = dimensions.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return namespace + " " + name + "{" + dims + "}";
    }
}
