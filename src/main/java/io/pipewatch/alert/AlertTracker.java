package io.pipewatch.alert;

import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.Verdict;
import io.pipewatch.config.LoadOnce;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each alarm's alert, decides what evaluation outcomes (through {@link AlertState#next}) and the
 * states CloudWatch reported over SNS change ({@link AlertChange}, a value), then applies it: records the
 * transition with its reason, and announces the changes
 * people are told about: into FIRING, FIRING to RESOLVED, and acknowledgements. Every change is written
 * to the store before it is announced, so an incident that spans a restart neither fires again nor is
 * forgotten. A firing alarm whose condition clears resolves only after its {@code keep_firing_for}
 * periods ({@link FlapDamper}).
 *
 * <p>Changes of one alarm are made one at a time, under that alarm's lock, which is held through its store write and
 * announcement so that they land in the order decided; changes of different alarms go on at once, so that a storm's
 * writes are committed together rather than one round trip after another.
 */
@ApplicationScoped
public class AlertTracker implements AlertQueries, Acknowledgements {

    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();
    private final Map<String, FlapDamper> dampers = new ConcurrentHashMap<>();
    private final AlertLinks links;
    private final AlertStore store;
    private final AlarmCatalog catalog;
    private final Event<AlertNotification> notifications;
    private final LoadOnce restored = new LoadOnce();
    private final ImpactForecasts forecasts;
    /** Striped: one lock per alarm would be a map that only grows; two alarms sharing one merely take turns. */
    private final Object[] locks = new Object[256];

    public AlertTracker(AlertLinks links, AlertStore store, AlarmCatalog catalog, ImpactForecasts forecasts,
            Event<AlertNotification> notifications) {
        this.forecasts = forecasts;
        this.links = links;
        this.store = store;
        this.catalog = catalog;
        this.notifications = notifications;
        java.util.Arrays.setAll(locks, i -> new Object());
    }

    private Object lockOf(String alarmId) {
        return locks[Math.floorMod(alarmId.hashCode(), locks.length)];
    }

    /** An outcome of Pipewatch's own evaluation. */
    public void record(AlarmDefinition alarm, Outcome outcome, Instant at) {
        synchronized (lockOf(alarm.id())) {
            recordLocked(alarm, outcome, at);
        }
    }

    private void recordLocked(AlarmDefinition alarm, Outcome outcome, Instant at) {
        Alert before = current(alarm.id(), () -> initial(alarm, at));
        AlertState next = dampers.computeIfAbsent(alarm.id(), id -> new FlapDamper())
                .next(before.state(), outcome, at, alarm.keepFiring());
        String reason = next == AlertState.FIRING && before.state().next(outcome) == AlertState.RESOLVED
                ? outcome.reason() + "; still firing until clear for " + alarm.keepFiringFor() + " period(s) (keep_firing_for)"
                : outcome.reason();
        apply(AlertChange.decide(before, next, at, reason, outcome.latest(), null), at);
    }

    /**
     * A state CloudWatch reported (over SNS). A report no newer than the newest applied is stale (SNS
     * does not keep order, and retries) and ignored.
     *
     * @param template the alert as it would start, for an alarm not seen before
     * @return false when the report was stale
     */
    public boolean report(Alert template, Verdict reported, Instant at, String reason, Double value) {
        synchronized (lockOf(template.id())) {
            return reportLocked(template, reported, at, reason, value);
        }
    }

    private boolean reportLocked(Alert template, Verdict reported, Instant at, String reason, Double value) {
        Alert known = current(template.id(), () -> template);
        Instant newest = known.reportedAt() != null ? known.reportedAt() : known.since();
        if (known != template && !at.isAfter(newest)) {
            return false;
        }
        // CloudWatch evaluates it now: routes and silences on source=cloudwatch must see it, whoever evaluated it before.
        Alert before = known.source().equals(template.source()) ? known : known.about(template.subject());
        // CloudWatch's verdict takes the same transitions as Pipewatch's own (no PENDING: CloudWatch reports none).
        AlertState next = before.state().next(new Outcome(reported, 0, 0, value, reason));
        apply(AlertChange.decide(before, next, at, reason, value, at), at);
        return true;
    }

    /** Someone owns the current firing: reminders stop; the resolution is still sent. Empty when not firing. */
    @Override
    public Optional<Alert> acknowledge(String id, Acknowledgement ack) {
        synchronized (lockOf(id)) {
            return acknowledgeLocked(id, ack);
        }
    }

    private Optional<Alert> acknowledgeLocked(String id, Acknowledgement ack) {
        ensureRestored();
        Alert alert = alerts.get(id);
        if (alert == null || alert.state() != AlertState.FIRING) {
            return Optional.empty();
        }
        Alert after = alert.acknowledged(ack);
        save(after);
        alerts.put(id, after);
        version.incrementAndGet();
        notifications.fire(new AlertNotification(AlertNotification.Kind.ACKNOWLEDGED, after));
        return Optional.of(after);
    }

    @Override
    public List<Alert> all() {
        ensureRestored();
        // Pages read far more often than alerts change: the order is kept until the next change, not sorted per view.
        Ordered cached = ordered;
        long now = version.get();
        if (cached != null && cached.version() == now) {
            return cached.alerts();
        }
        List<Alert> sorted = alerts.values().stream()
                .sorted(Comparator.comparing((Alert a) -> rank(a.state()))
                        .thenComparing(Alert::severity)
                        .thenComparing(Alert::alarm))
                .toList();
        // Kept only if nothing changed while sorting; otherwise the next view sorts again.
        if (version.get() == now) {
            ordered = new Ordered(now, sorted);
        }
        return sorted;
    }

    @Override
    public long version() {
        return version.get();
    }

    /** The alerts in urgency order as of one version of the map. */
    private record Ordered(long version, List<Alert> alerts) {
    }

    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private volatile Ordered ordered;

    @Override
    public Optional<Alert> get(String id) {
        ensureRestored();
        return Optional.ofNullable(alerts.get(id));
    }

    /**
     * Applies a decided change, with what is predicted for it now: stores it first (when it must be), then makes it
     * current, then announces it.
     */
    private void apply(AlertChange change, Instant at) {
        Alert after = change.after().predicting(forecasts.of(change.after(), at).orElse(null));
        if (change.stored()) {
            save(after);
        }
        alerts.put(after.id(), after);
        version.incrementAndGet();
        change.announced().ifPresent(kind -> notifications.fire(new AlertNotification(kind, after)));
    }

    /** A store that is down must not stop alerting: the change is announced all the same, and logged. */
    private void save(Alert alert) {
        try {
            store.save(alert);
        } catch (RuntimeException storeDown) {
            Log.errorf("Cannot record alert '%s' (%s) in the store: %s; a restart now would forget it", alert.alarm(),
                    alert.state(), storeDown.getMessage());
        }
    }

    private Alert current(String id, java.util.function.Supplier<Alert> initial) {
        ensureRestored();
        Alert known = alerts.get(id);
        if (known != null) {
            return known;
        }
        Alert made = alerts.computeIfAbsent(id, k -> initial.get());
        version.incrementAndGet();
        return made;
    }

    /**
     * Alerts of the previous run, of alarms that still exist (CloudWatch's are kept: their alarms live
     * there). Until the store answers, alerts start afresh and the read is tried again every 30 s; what
     * changed meanwhile is newer than the stored state and wins.
     */
    private void ensureRestored() {
        restored.ensure(() -> {
            int before = alerts.size();
            for (Alert a : store.load()) {
                var definition = catalog.byId(a.id());
                if (definition.isPresent()) {
                    // Described as the alarm is defined now: its threshold, links or metrics may have changed.
                    alerts.putIfAbsent(a.id(), a.about(AlertSubject.of(definition.get(), a.source(), links)));
                    version.incrementAndGet();
                } else if (a.source().equals(Alert.CLOUDWATCH)) {
                    alerts.putIfAbsent(a.id(), a);
                    version.incrementAndGet();
                }
            }
            if (alerts.size() > before) {
                Log.infof("Restored %d alert(s) from the store", alerts.size() - before);
            }
        }, storeDown -> Log.errorf("Cannot read alerts from the store (%s); going on without them until it answers",
                storeDown.getMessage()));
    }

    private Alert initial(AlarmDefinition alarm, Instant at) {
        return Alert.notEvaluated(AlertSubject.of(alarm, Alert.PIPEWATCH, links), at, "not evaluated yet");
    }

    private static int rank(AlertState state) {
        return switch (state) {
            case FIRING -> 0;
            case PENDING -> 1;
            case INSUFFICIENT_DATA -> 2;
            case RESOLVED -> 3;
            case OK -> 4;
        };
    }
}
