package io.pipewatch.alert;

import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each alarm's alert, applies evaluation outcomes through {@link AlertState#next}, records
 * every transition with its reason, and announces the two transitions people are told about:
 * into FIRING, and FIRING to RESOLVED.
 */
@ApplicationScoped
public class AlertTracker {

    private static final int KEPT_TRANSITIONS = 20;

    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();
    private final AlertLinks links;
    private final Event<AlertNotification> notifications;

    public AlertTracker(AlertLinks links, Event<AlertNotification> notifications) {
        this.links = links;
        this.notifications = notifications;
    }

    public void record(AlarmDefinition alarm, Outcome outcome, Instant at) {
        Alert before = alerts.computeIfAbsent(alarm.id(), id -> initial(alarm, at));
        AlertState next = before.state().next(outcome);
        Double value = outcome.latest() != null ? outcome.latest() : before.value();
        if (next == before.state()) {
            alerts.put(alarm.id(), with(before, before.state(), before.since(), before.firingSince(), value,
                    outcome.reason(), before.transitions()));
            return;
        }
        List<Transition> transitions = new ArrayList<>(before.transitions());
        transitions.add(new Transition(before.state(), next, at, outcome.reason(), outcome.latest()));
        if (transitions.size() > KEPT_TRANSITIONS) {
            transitions.remove(0);
        }
        Instant firingSince = next == AlertState.FIRING ? at : before.firingSince();
        Alert after = with(before, next, at, firingSince, value, outcome.reason(), List.copyOf(transitions));
        alerts.put(alarm.id(), after);
        if (next == AlertState.FIRING) {
            notifications.fire(new AlertNotification(AlertNotification.Kind.FIRING, after));
        } else if (before.state() == AlertState.FIRING && next == AlertState.RESOLVED) {
            notifications.fire(new AlertNotification(AlertNotification.Kind.RESOLVED, after));
        }
    }

    /** Every alarm's alert, most urgent first: firing, pending, then by severity and name. */
    public List<Alert> all() {
        return alerts.values().stream()
                .sorted(Comparator.comparing((Alert a) -> rank(a.state()))
                        .thenComparing(Alert::severity)
                        .thenComparing(Alert::alarm))
                .toList();
    }

    public Optional<Alert> get(String id) {
        return Optional.ofNullable(alerts.get(id));
    }

    private Alert initial(AlarmDefinition alarm, Instant at) {
        return new Alert(alarm.id(), alarm.name(), AlertState.INSUFFICIENT_DATA, alarm.severity(), alarm.summary(),
                alarm.resource(), alarm.condition(), null, alarm.criteria().threshold(), at, null,
                "not evaluated yet", links.runbook(alarm), links.dashboard(alarm), alarm.labels(), List.of(), Alert.PIPEWATCH, null);
    }

    private static Alert with(Alert a, AlertState state, Instant since, Instant firingSince, Double value,
            String reason, List<Transition> transitions) {
        return new Alert(a.id(), a.alarm(), state, a.severity(), a.summary(), a.resource(), a.condition(), value,
                a.threshold(), since, firingSince, reason, a.runbook(), a.dashboard(), a.labels(), transitions, a.source(), a.ack());
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
