package io.pipewatch.notify.route;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dedup stage: compares what a group would say now with what its notification log says it last said,
 * and decides whether it speaks. It speaks when something changed (an alert newly firing, one it
 * announced now resolved, or one that fired and resolved since the group last spoke, which nobody has
 * heard of yet), or as a reminder once the repeat interval passed while something unacknowledged still
 * fires; otherwise it stays quiet. Pure: the caller passes the time.
 */
public final class NotificationLogCheck {

    /** Why a group speaks, and what it says: the alerts firing and resolved, and the firings it will have announced. */
    public record Decision(boolean reminder, List<Alert> firing, List<Alert> resolved, Set<String> firingKeys) {
    }

    /** Marks of who owns a firing alert, compared for receivers that edit their message. */
    static final String ACK = "ack:";
    static final String SILENCED = "silenced:";

    private NotificationLogCheck() {
    }

    public static Optional<Decision> decide(AlertGroups.LogEntry last, Collection<Alert> audible, Collection<Alert> settled,
            Instant now, Duration repeatInterval) {
        return decide(last, audible, settled, now, repeatInterval, null);
    }

    /**
     * @param last what the group last said; null when it never spoke (or its log expired)
     * @param audible the group's firing alerts that may be announced (silenced ones already left out)
     * @param settled the group's alerts that no longer fire (those silenced and never announced already left out)
     * @param marks for a receiver that edits its message, who owns the firing alerts now ({@code ack:…},
     *     {@code silenced:…}): a change of owner is a change to tell; null for a receiver that posts each change
     */
    public static Optional<Decision> decide(AlertGroups.LogEntry last, Collection<Alert> audible, Collection<Alert> settled,
            Instant now, Duration repeatInterval, Set<String> marks) {
        Set<String> announced = last == null ? Set.of() : last.firing();
        Set<String> announcedIds = announcedIds(last);
        List<Alert> firing = new ArrayList<>(audible);
        List<Alert> resolved = settled.stream()
                .filter(a -> a.state() != AlertState.FIRING && (announcedIds.contains(a.id()) || firedUnheard(a, last))).toList();
        Set<String> firingKeys = new LinkedHashSet<>();
        firing.forEach(a -> firingKeys.add(firingKey(a)));
        boolean owners = marks != null && last != null && !marks.equals(last.marks() == null ? Set.of() : last.marks());
        boolean changed = !announced.containsAll(firingKeys) || !resolved.isEmpty() || owners;
        boolean remind = !changed && !firing.isEmpty() && last != null
                && !now.isBefore(last.sentAt().plus(repeatInterval))
                && firing.stream().anyMatch(a -> a.ack() == null && (marks == null || !marks.contains(SILENCED + a.id())));
        if (!changed && !remind) {
            return Optional.empty();
        }
        return Optional.of(new Decision(remind, firing, resolved, Set.copyOf(firingKeys)));
    }

    /**
     * The alarms whose firing the group's last message named. By alarm, not by firing: one that was
     * announced, then resolved, fired and resolved again within an interval is still owed its "resolved".
     */
    public static Set<String> announcedIds(AlertGroups.LogEntry last) {
        Set<String> ids = new HashSet<>();
        if (last != null) {
            last.firing().forEach(key -> ids.add(key.substring(0, key.lastIndexOf('@'))));
        }
        return ids;
    }

    /**
     * Fired after the group last spoke and resolved before it spoke again: nobody heard of it, and it must
     * still be named ("resolved … after 3 min"), or a real page goes missing.
     */
    static boolean firedUnheard(Alert alert, AlertGroups.LogEntry last) {
        return alert.state() == AlertState.RESOLVED && alert.firingSince() != null
                && (last == null || alert.firingSince().isAfter(last.sentAt()));
    }

    /** An alert's firing is identified by when it started: a second firing of the same alarm is news. */
    public static String firingKey(Alert alert) {
        return alert.id() + "@" + alert.firingSince();
    }
}
