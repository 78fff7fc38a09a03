package io.pipewatch.incident;

import io.pipewatch.alert.AlertNotification;
import io.pipewatch.alert.AlertQueries;
import io.pipewatch.alert.AlertState;
import io.pipewatch.config.LoadOnce;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Keeps the incidents: takes each alert change people must hear of, forms and re-judges incidents
 * ({@link IncidentBook}), stores what changed, then hands the change on with its incident ({@link IncidentUpdate}) to
 * delivery. Incidents of an earlier run are restored on first use; one whose alerts stopped firing meanwhile resolves.
 */
@ApplicationScoped
public class IncidentTracker implements IncidentQueries {

    /** A resolved incident is kept this long in the store, for its page and the API. */
    static final Duration KEPT = Duration.ofDays(30);

    private final IncidentBook book = new IncidentBook();
    private final Pipelines pipelines;
    private final IncidentStore store;
    private final AlertQueries alerts;
    private final Event<IncidentUpdate> updates;
    private final LoadOnce restored = new LoadOnce();

    public IncidentTracker(Pipelines pipelines, IncidentStore store, AlertQueries alerts, Event<IncidentUpdate> updates) {
        this.pipelines = pipelines;
        this.store = store;
        this.alerts = alerts;
        this.updates = updates;
    }

    /**
     * Hands the change on with its incident. When it merged incidents, the firing alerts of the merged ones are handed
     * on again with the incident they joined, so that their messages continue in its conversation.
     */
    void onAlert(@Observes AlertNotification change) {
        updatesFor(change).forEach(updates::fire);
    }

    /** What delivery must hear of the change: the change with its incident, then the alerts a merge moved into it. */
    List<IncidentUpdate> updatesFor(AlertNotification change) {
        List<Incident> changed = record(change);
        Optional<Incident> own = changed.isEmpty() ? of(change.alert().id()) : Optional.of(changed.get(0));
        List<IncidentUpdate> out = new java.util.ArrayList<>(List.of(new IncidentUpdate(change, own)));
        for (Incident merged : changed.subList(Math.min(1, changed.size()), changed.size())) {
            for (String id : merged.alerts()) {
                alerts.get(id).filter(a -> a.state() == AlertState.FIRING).ifPresent(a -> out.add(
                        new IncidentUpdate(new AlertNotification(AlertNotification.Kind.FIRING, a), own)));
            }
        }
        return out;
    }

    /**
     * Applies the change to the incidents and stores what changed; returns the changed incidents, the alert's own first,
     * once they are durable. The lock is held to decide and to hand the writes in (so one incident's writes land in the
     * order decided), not while the store answers: a storm's incidents are committed together.
     */
    List<Incident> record(AlertNotification change) {
        List<Incident> changed;
        List<CompletableFuture<Void>> writes;
        synchronized (this) {
            ensureRestored();
            changed = change.kind() == AlertNotification.Kind.ACKNOWLEDGED ? List.of()
                    : book.offer(change.alert(), pipelines.all());
            writes = changed.stream().map(this::save).toList();
        }
        for (int i = 0; i < changed.size(); i++) {
            awaitDurable(changed.get(i), writes.get(i));
        }
        return changed;
    }

    @Override
    public synchronized List<Incident> all() {
        ensureRestored();
        return book.all();
    }

    @Override
    public synchronized Optional<Incident> get(String id) {
        ensureRestored();
        return book.get(id);
    }

    @Override
    public synchronized List<Incident> newest(int n) {
        ensureRestored();
        return book.newest(n);
    }

    @Override
    public synchronized Optional<Incident> of(String alertId) {
        ensureRestored();
        return book.of(alertId);
    }

    private CompletableFuture<Void> save(Incident incident) {
        try {
            return store.save(incident, incident.open() ? null : incident.resolvedAt().plus(KEPT));
        } catch (RuntimeException storeDown) {
            return CompletableFuture.failedFuture(storeDown);
        }
    }

    /** A store that is down must not stop paging: the incident lives on in memory, and the failure is logged. */
    private static void awaitDurable(Incident incident, CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException storeDown) {
            Log.errorf("Cannot record incident %s in the store: %s; a restart now would forget it", incident.id(),
                    storeDown.getCause() == null ? storeDown.getMessage() : storeDown.getCause().getMessage());
        }
    }

    private void ensureRestored() {
        restored.ensure(() -> {
            List<Incident> stored = store.load();
            book.restore(stored);
            // Alerts that stopped firing while no one was recording (a restart, a store outage) settle their incidents.
            for (Incident open : book.open()) {
                for (Incident.Member m : open.members()) {
                    alerts.get(m.alert()).filter(a -> m.firing() && a.state() != AlertState.FIRING)
                            .ifPresent(a -> book.offer(a, pipelines.all()).forEach(i -> awaitDurable(i, save(i))));
                }
            }
            if (!stored.isEmpty()) {
                Log.infof("Restored %d incident(s) from the store", stored.size());
            }
        }, storeDown -> Log.errorf("Cannot read incidents from the store (%s); going on without them until it answers",
                storeDown.getMessage()));
    }
}
