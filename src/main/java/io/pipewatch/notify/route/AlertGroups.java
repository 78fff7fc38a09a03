package io.pipewatch.notify.route;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.notify.GroupNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which messages to send, and when: alerts are grouped by their route's group-by labels; a new
 * group waits {@code group_wait} for company; a newly firing alert is sent within {@code group_wait} even
 * into an open group; resolutions and reminders wait for the group's {@code group_interval}. A group
 * speaks only when something changed against its notification log ({@link NotificationLogCheck}), or as
 * a reminder after {@code repeat_interval} while something unacknowledged still fires.
 * Silenced alerts are left out; a resolution is sent only for an alert whose firing was sent. The log is
 * what makes this survive restarts: it is written with the message, atomically, into the outbox.
 */
public final class AlertGroups {

    /**
     * What a group last said: its message count, the firing alerts it named (id@firingSince), and when; for a receiver
     * that edits its message, also who owned them ({@code marks}: acknowledged, silenced; null for the others, and in
     * records written before).
     */
    public record LogEntry(String groupKey, long seq, Set<String> firing, Instant sentAt, Set<String> marks) {

        public LogEntry(String groupKey, long seq, Set<String> firing, Instant sentAt) {
            this(groupKey, seq, firing, sentAt, null);
        }
    }

    /** A message to send, its idempotency key, and the log entry to record with it. */
    public record Flush(GroupNotification notification, String key, LogEntry log) {
    }

    private static final class Group {
        final Route route;
        final String key;
        final Map<String, String> labels;
        final Map<String, Alert> alerts = new LinkedHashMap<>();
        Instant next;

        Group(Route route, String key, Map<String, String> labels, Instant next) {
            this.route = route;
            this.key = key;
            this.labels = labels;
            this.next = next;
        }
    }

    private final Routes routes;
    private final BiPredicate<Alert, Instant> silenced;
    private final Function<Alert, String> dashboardOf;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** alert id → its group's key, so an alert whose labels changed leaves its old group. */
    private final Map<String, String> groupOf = new HashMap<>();
    private final Map<String, LogEntry> log;
    /** Receivers that edit one message per group: their groups also speak when an alert is acknowledged or silenced. */
    private final Predicate<String> editsInPlace;

    /**
     * @param log what earlier runs recorded, by group key
     * @param dashboardOf the link for a group's message, from one of its alerts
     */
    public AlertGroups(Routes routes, BiPredicate<Alert, Instant> silenced, Map<String, LogEntry> log,
            Function<Alert, String> dashboardOf) {
        this(routes, silenced, log, dashboardOf, receiver -> false);
    }

    /** @param editsInPlace which receivers edit one message per group (a Slack app) rather than post one per change */
    public AlertGroups(Routes routes, BiPredicate<Alert, Instant> silenced, Map<String, LogEntry> log,
            Function<Alert, String> dashboardOf, Predicate<String> editsInPlace) {
        this.editsInPlace = editsInPlace;
        this.routes = routes;
        this.silenced = silenced;
        this.log = new HashMap<>(log);
        this.dashboardOf = dashboardOf;
    }

    /** The alert as it is now: it joins (or stays in) its group, to be considered at the group's next flush. */
    public synchronized void offer(Alert alert, Instant now) {
        Route route = routes.of(alert);
        String key = route.groupKey(alert);
        String previous = groupOf.put(alert.id(), key);
        if (previous != null && !previous.equals(key) && groups.containsKey(previous)) {
            groups.get(previous).alerts.remove(alert.id());
        }
        Group group = groups.computeIfAbsent(key, k -> new Group(route, k, route.groupLabels(alert), now.plus(route.groupWait())));
        Alert before = group.alerts.put(alert.id(), alert);
        // An edited message says who owns it at once: that is what the Acknowledge button is pressed for.
        if (editsInPlace.test(route.receiver()) && before != null && !java.util.Objects.equals(before.ack(), alert.ack())
                && group.next.isAfter(now)) {
            group.next = now;
        }
        // A new firing goes out within the group wait, even into a group that spoke a moment ago: only
        // resolutions and reminders wait for the group interval.
        LogEntry last = log.get(key);
        boolean heard = last != null && last.firing().contains(NotificationLogCheck.firingKey(alert));
        Instant soon = now.plus(route.groupWait());
        if (alert.state() == AlertState.FIRING && !heard && group.next.isAfter(soon)) {
            group.next = soon;
        }
    }

    /** The messages due by now; each group flushed is scheduled again, or dropped when it holds nothing. */
    public synchronized List<Flush> due(Instant now) {
        List<Flush> out = new ArrayList<>();
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            if (group.next.isAfter(now)) {
                continue;
            }
            flush(group, now).ifPresent(out::add);
            forgetSettled(group);
            if (group.alerts.isEmpty()) {
                it.remove();
            } else {
                group.next = now.plus(group.route.groupInterval());
            }
        }
        return out;
    }

    /** Resolved alerts have been told of (or never needed to be): they leave the group. */
    private void forgetSettled(Group group) {
        for (Iterator<Alert> it = group.alerts.values().iterator(); it.hasNext(); ) {
            Alert a = it.next();
            if (a.state() != AlertState.FIRING) {
                it.remove();
                groupOf.remove(a.id(), group.key);
            }
        }
    }

    /**
     * Silences changed: every group that edits its message and has something firing looks again now, so its message
     * says it is silenced (or no longer) without waiting for the group interval.
     */
    public synchronized void silencesChanged(Instant now) {
        for (Group group : groups.values()) {
            if (editsInPlace.test(group.route.receiver()) && group.next.isAfter(now)
                    && group.alerts.values().stream().anyMatch(a -> a.state() == AlertState.FIRING)) {
                group.next = now;
            }
        }
    }

    public synchronized int groupCount() {
        return groups.size();
    }

    /**
     * The stages of one flush: mute (silenced alerts are left out), dedup against the notification log
     * ({@link NotificationLogCheck}), then render ({@link GroupNotification#of}). Recording and sending
     * follow in {@code notify.delivery}.
     */
    private Optional<Flush> flush(Group group, Instant now) {
        LogEntry last = log.get(group.key);
        Set<String> announcedIds = NotificationLogCheck.announcedIds(last);
        boolean edits = editsInPlace.test(group.route.receiver());
        // An edited message keeps naming what it announced, marked silenced; a new message never names a silenced alert.
        List<Alert> audible = group.alerts.values().stream().filter(a -> a.state() == AlertState.FIRING)
                .filter(a -> !silenced.test(a, now) || edits && announcedIds.contains(a.id())).toList();
        Set<String> marks = edits ? marks(audible, now) : null;
        // A resolution owed for an announced firing is sent even under a silence; one nobody heard of is not.
        List<Alert> settled = group.alerts.values().stream().filter(a -> a.state() != AlertState.FIRING)
                .filter(a -> announcedIds.contains(a.id()) || !silenced.test(a, now)).toList();
        Optional<NotificationLogCheck.Decision> decided = NotificationLogCheck.decide(last, audible, settled, now,
                group.route.repeatInterval(), marks);
        if (decided.isEmpty()) {
            return Optional.empty();
        }
        NotificationLogCheck.Decision decision = decided.get();
        List<Alert> firing = decision.firing().stream().sorted(URGENT_FIRST).toList();
        List<Alert> resolved = decision.resolved().stream().sorted(URGENT_FIRST).toList();
        // A group without a log (never spoke, or its log expired) counts on from the time: idempotency keys of
        // an earlier incident of the same group must not come back, or the outbox would drop the new message.
        LogEntry entry = new LogEntry(group.key, last == null ? now.toEpochMilli() : last.seq() + 1, decision.firingKeys(), now,
                marks);
        log.put(group.key, entry);
        Alert any = firing.isEmpty() ? resolved.get(0) : firing.get(0);
        var notification = GroupNotification.of(group.route.receiver(), group.key, group.labels, firing, resolved,
                decision.reminder(), dashboardOf.apply(any), now);
        return Optional.of(new Flush(notification, group.route.receiver() + ":" + group.key + "#" + entry.seq(), entry));
    }

    /** Who owns each firing alert, as an edited message shows it: acknowledged by whom, silenced. */
    private Set<String> marks(List<Alert> firing, Instant now) {
        Set<String> marks = new java.util.TreeSet<>();
        for (Alert a : firing) {
            if (a.ack() != null) {
                marks.add(NotificationLogCheck.ACK + a.id() + ":" + a.ack().by());
            }
            if (silenced.test(a, now)) {
                marks.add(NotificationLogCheck.SILENCED + a.id());
            }
        }
        return marks;
    }

    private static final Comparator<Alert> URGENT_FIRST = Alert.MOST_URGENT_FIRST.thenComparing(Alert::alarm);
}
