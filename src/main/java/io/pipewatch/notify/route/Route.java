package io.pipewatch.notify.route;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a set of alerts goes and how they are grouped on the way: the alerts matching every matcher
 * (the default route has none), the receiver, the labels that make a group, and the group's timings.
 */
public record Route(String name, List<Matcher> matchers, String receiver, List<String> groupBy, Duration groupWait,
        Duration groupInterval, Duration repeatInterval) {

    public boolean matches(Alert alert) {
        return Matcher.all(matchers, alert.matchLabels());
    }

    /** The values of the group-by labels: alerts with the same ones share a group and a message. */
    public Map<String, String> groupLabels(Alert alert) {
        Map<String, String> labels = alert.matchLabels();
        Map<String, String> out = new TreeMap<>();
        groupBy.forEach(name -> out.put(name, labels.getOrDefault(name, "")));
        return out;
    }

    /** Stable across restarts: it names the group's notification log. */
    public String groupKey(Alert alert) {
        return name + groupLabels(alert);
    }
}
