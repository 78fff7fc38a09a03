package io.pipewatch.notify;

import io.pipewatch.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message about one group of alerts: those firing now and those resolved since the group's last
 * message. {@code repeat} is true when nothing changed and the message is a reminder; {@code dashboard}
 * is where the whole group can be seen.
 */
public record GroupNotification(String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> firing,
        List<Alert> resolved, boolean repeat, String dashboard, Instant at) {

    public int size() {
        return firing.size() + resolved.size();
    }

    /** The only alert, when the group holds one: such a message reads as before grouping existed. */
    public Alert single() {
        return size() == 1 ? (firing.isEmpty() ? resolved.get(0) : firing.get(0)) : null;
    }

    /** "3 firing, 1 resolved: severity=critical team=pipeline", for logs and the status page. */
    public String title() {
        Alert only = single();
        if (only != null) {
            return (firing.isEmpty() ? "RESOLVED: " : "FIRING: ") + only.alarm();
        }
        StringBuilder out = new StringBuilder();
        if (!firing.isEmpty()) {
            out.append(firing.size()).append(" firing");
        }
        if (!resolved.isEmpty()) {
            out.append(out.isEmpty() ? "" : ", ").append(resolved.size()).append(" resolved");
        }
        groupLabels.forEach((k, v) -> out.append(out.indexOf(":") < 0 ? ": " : " ").append(k).append('=').append(v.isEmpty() ? "–" : v));
        return out.toString();
    }
}
