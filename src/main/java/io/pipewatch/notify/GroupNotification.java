package io.pipewatch.notify;

import io.pipewatch.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message about one group of alerts: those firing now and those resolved since the group's last
 * message, most severe first. Only the first {@link #DETAILED} of each are carried in full (no message
 * lists more, and the outbox keeps an item under DynamoDB's 400 KB); {@code moreFiring} and
 * {@code moreResolved} count the rest. {@code repeat} is true when nothing changed and the message is
 * a reminder; {@code dashboard} is where the whole group can be seen; {@code incident} the incident all its alerts
 * belong to, when they belong to one (null otherwise, and in messages recorded before incidents existed);
 * {@code alertPages} where each alert's page is, by id (null in messages recorded before alert pages existed);
 * {@code silenced} the firing alerts named that a silence holds (a receiver that edits its message keeps naming the
 * alerts it announced, marked silenced; null in messages recorded before).
 */
public record GroupNotification(String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> firing,
        List<Alert> resolved, int moreFiring, int moreResolved, boolean repeat, String dashboard, Instant at,
        IncidentNote incident, String alertPages, List<Silenced> silenced) {

    /** A firing alert of the message that a silence holds: until when, and who made the silence. */
    public record Silenced(String alert, Instant until, String by) {
    }

    public static final int DETAILED = 50;

    /**
     * What a message says of its incident: its title, state ({@code open}/{@code resolved}), the cause's reasoning
     * line, each effect as "alarm on stage", and {@code link}: the cause's stage on its dashboard (null when the
     * incident is on no pipeline), {@code startedAt} and {@code resolvedAt} (null while open; both null in messages
     * recorded before they were kept).
     */
    public record IncidentNote(String id, String title, String state, String cause, List<String> effects, String link,
            Instant startedAt, Instant resolvedAt) {
    }

    /** The message for these alerts, keeping the first {@link #DETAILED} of each list in full, without their history. */
    public static GroupNotification of(String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> firing,
            List<Alert> resolved, boolean repeat, String dashboard, Instant at) {
        return new GroupNotification(receiver, groupKey, groupLabels, detailed(firing), detailed(resolved),
                Math.max(0, firing.size() - DETAILED), Math.max(0, resolved.size() - DETAILED), repeat, dashboard, at, null, null, List.of());
    }

    /** The same message, told as part of {@code note}'s incident. */
    public GroupNotification about(IncidentNote note) {
        return new GroupNotification(receiver, groupKey, groupLabels, firing, resolved, moreFiring, moreResolved, repeat,
                dashboard, at, note, alertPages, silenced);
    }

    /** The same message, with where alert pages are: {@code https://pipewatch.example.com/alerts/}. */
    public GroupNotification withAlertPages(String base) {
        return new GroupNotification(receiver, groupKey, groupLabels, firing, resolved, moreFiring, moreResolved, repeat,
                dashboard, at, incident, base, silenced);
    }

    /** The same message, with the silences that hold its firing alerts. */
    public GroupNotification withSilenced(List<Silenced> held) {
        return new GroupNotification(receiver, groupKey, groupLabels, firing, resolved, moreFiring, moreResolved, repeat,
                dashboard, at, incident, alertPages, List.copyOf(held));
    }

    /** The silence holding the alert, if the message names one. */
    public java.util.Optional<Silenced> silenceOf(Alert alert) {
        return silenced == null ? java.util.Optional.empty()
                : silenced.stream().filter(s -> s.alert().equals(alert.id())).findFirst();
    }

    /** The alert's page, when the message knows where pages are. */
    public java.util.Optional<String> pageOf(Alert alert) {
        return alertPages == null ? java.util.Optional.empty()
                : java.util.Optional.of(alertPages + java.net.URLEncoder.encode(alert.id(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The one value every alert of the message has for {@code label}, if they agree. */
    public java.util.Optional<String> shared(String label) {
        var values = java.util.stream.Stream.concat(firing.stream(), resolved.stream())
                .map(a -> a.labels().get(label)).distinct().toList();
        return values.size() == 1 ? java.util.Optional.ofNullable(values.get(0)) : java.util.Optional.empty();
    }

    private static List<Alert> detailed(List<Alert> alerts) {
        return alerts.stream().limit(DETAILED).map(Alert::withoutHistory).toList();
    }

    public int firingCount() {
        return firing.size() + moreFiring;
    }

    public int resolvedCount() {
        return resolved.size() + moreResolved;
    }

    public int size() {
        return firingCount() + resolvedCount();
    }

    /** The only alert, when the group holds one: such a message reads as before grouping existed. */
    public Alert single() {
        return size() == 1 ? (firing.isEmpty() ? resolved.get(0) : firing.get(0)) : null;
    }

    /** "3 firing, 1 resolved: severity=critical team=pipeline", for logs and the status page. */
    public String title() {
        Alert only = single();
        if (only != null) {
            return (!firing.isEmpty() ? "FIRING: " : only.state() == io.pipewatch.alert.AlertState.INSUFFICIENT_DATA
                    ? "NO DATA: " : "RESOLVED: ") + only.alarm();
        }
        StringBuilder out = new StringBuilder();
        if (!firing.isEmpty()) {
            out.append(firingCount()).append(" firing");
        }
        if (!resolved.isEmpty()) {
            out.append(out.isEmpty() ? "" : ", ").append(resolvedCount()).append(" resolved");
        }
        groupLabels.forEach((k, v) -> out.append(out.indexOf(":") < 0 ? ": " : " ").append(k).append('=').append(v.isEmpty() ? "–" : v));
        return out.toString();
    }
}
