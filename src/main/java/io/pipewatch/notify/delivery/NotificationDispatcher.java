package io.pipewatch.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertQueries;
import io.pipewatch.alert.AlertState;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ShutdownOrder;
import io.pipewatch.config.Wall;
import io.pipewatch.incident.Incident;
import io.pipewatch.incident.IncidentQueries;
import io.pipewatch.incident.IncidentUpdate;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.Redactor;
import io.pipewatch.notify.route.AlertGroups;
import io.pipewatch.notify.route.Route;
import io.pipewatch.notify.route.Routes;
import io.pipewatch.silence.Silences;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The notification pipeline: each alert change is routed and grouped ({@link AlertGroups}: silences,
 * dedup, group wait and interval, reminders), and each message that falls due goes to its receiver's
 * durable outbox together with the group's notification log, in one transaction. Alert evaluation only
 * hands changes over; it never waits for the store or a receiver.
 */
@ApplicationScoped
public class NotificationDispatcher implements DeliveryQueries {

    private static final long TICK_MILLIS = 200;
    /** The label that carries an alert's incident into routing and grouping. */
    public static final String INCIDENT_LABEL = "incident";
    /** A quiet group's log is kept this long past its reminder time, then forgotten. */
    private static final Duration LOG_KEPT = Duration.ofDays(1);

    private final Map<String, ReceiverDelivery> receivers = new LinkedHashMap<>();
    private final Outbox outbox;
    private final AlertGroups groups;
    private final AlertQueries tracker;
    private final IncidentQueries incidents;
    private final Silences silences;
    private final ObjectMapper json;
    private final Clock clock;
    /** Every receiver's secrets: what is shown of a failure passes through it. */
    private final Redactor redactor;
    private final Duration logKept;
    /** Where links in messages point: {@code PIPEWATCH_PUBLIC_URL}, without a trailing slash. */
    private final String publicUrl;
    private final Object flushing = new Object();
    private final NotificationHistory history;
    /** Written under the lock by start(); volatile so that the stop reads it without waiting on that lock. */
    private volatile ScheduledExecutorService ticker;

    public NotificationDispatcher(List<Notifier> notifiers, Outbox outbox, Silences silences,
            AlertQueries tracker, IncidentQueries incidents, ObjectMapper json, PipewatchConfig config, MeterRegistry registry,
            @Wall Clock clock) {
        this.clock = clock;
        this.history = new NotificationHistory(json);
        this.redactor = notifiers.stream().map(Notifier::redactor).reduce(Redactor.NONE, Redactor::and);
        for (Notifier n : notifiers) {
            receivers.put(n.name(), new ReceiverDelivery(n, outbox, json, config.delivery().minInterval(), registry, clock,
                    redactor, history));
        }
        Routes routes = Routes.from(config, receivers.keySet());
        this.outbox = outbox;
        this.tracker = tracker;
        this.incidents = incidents;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.silences = silences;
        this.json = json;
        this.logKept = routes.all().stream().map(Route::repeatInterval).max(Duration::compareTo).orElseThrow().plus(LOG_KEPT);
        java.util.Set<String> editing = new java.util.HashSet<>();
        notifiers.stream().filter(n -> n instanceof io.pipewatch.notify.EditingNotifier).forEach(n -> editing.add(n.name()));
        this.groups = new AlertGroups(routes, silences::silenced, loadLog(), Alert::dashboard, editing::contains);
        registry.gauge("pipewatch.alert.groups", groups, AlertGroups::groupCount);
    }

    /**
     * Starts delivery (first what a previous run left in the outbox) and takes up the alerts the tracker
     * restored: those still firing, and those resolved while no message could say so. Called once the
     * start-up checks passed.
     */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        receivers.values().forEach(r -> r.worker().start());
        silences.all(); // read now, not first under the groups' lock when a message falls due
        Instant now = clock.instant();
        for (Alert alert : tracker.all()) {
            // A resolution older than any group's log is long settled: offered again, it would read as a
            // firing nobody heard of and be announced a second time.
            boolean recentlyResolved = alert.state() == AlertState.RESOLVED && alert.since().isAfter(now.minus(logKept));
            if (alert.state() == AlertState.FIRING || recentlyResolved) {
                groups.offer(withIncident(alert, incidents.of(alert.id())), now);
            }
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipewatch-groups");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::flushDue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onChange(@Observes IncidentUpdate update) {
        groups.offer(withIncident(update.change().alert(), update.incident()), clock.instant());
        // A route without group wait sends now, not at the next tick.
        flushDue();
    }

    void onSilence(@Observes io.pipewatch.silence.SilenceChanged change) {
        groups.silencesChanged(clock.instant());
        flushDue();
    }

    /**
     * Hands every message due by now to its receiver, one caller at a time, so messages reach each
     * receiver's queue in the order the groups decided them.
     */
    public void flushDue() {
        synchronized (flushing) {
            for (AlertGroups.Flush flush : groups.due(clock.instant())) {
                try {
                    ReceiverDelivery receiver = receivers.get(flush.notification().receiver());
                    receiver.worker().enqueue(told(flush.notification()), flush.key(), logWrite(flush.log()));
                } catch (JsonProcessingException | RuntimeException e) {
                    Log.errorf(e, "Cannot hand over the message for %s", flush.notification().title());
                }
            }
        }
    }

    /**
     * The alert as routes, silences and groups see it: with its pipeline incident's id as the label {@code incident}, so
     * that {@code group-by: incident} makes one conversation per incident and a silence can match one. An alert on no
     * pipeline is an incident of its own; it gets no label, so a storm of such alarms shares one message per route
     * rather than one each.
     */
    public static Alert withIncident(Alert alert, Optional<Incident> incident) {
        return incident.filter(i -> i.pipeline() != null).map(i -> alert.labelled(INCIDENT_LABEL, i.id())).orElse(alert);
    }

    /** The message with what its incident says now, when all its alerts belong to one. */
    private GroupNotification told(GroupNotification message) {
        Instant now = clock.instant();
        GroupNotification n = message.withAlertPages(publicUrl + "/alerts/").withSilenced(message.firing().stream()
                .flatMap(a -> silences.silencing(a, now).map(s -> new GroupNotification.Silenced(a.id(), s.endsAt(), s.createdBy()))
                        .stream()).toList());
        return n.shared(INCIDENT_LABEL).flatMap(incidents::get).map(i -> n.about(new GroupNotification.IncidentNote(i.id(),
                i.title(), i.state().spelling(), i.cause().reason(),
                i.effects().stream().map(e -> e.alarmName() + " on " + e.stage()).toList(),
                i.dashboardPath().map(path -> publicUrl + path).orElse(null), i.startedAt(), i.resolvedAt()))).orElse(n);
    }

    @Override
    public List<FailedDelivery> failedDeliveries() {
        List<FailedDelivery> out = new ArrayList<>();
        try {
            for (String receiver : receivers.keySet()) {
                for (Outbox.Refusal r : outbox.refusals(receiver)) {
                    GroupNotification n = json.readValue(r.entry().payload(), GroupNotification.class);
                    out.add(new FailedDelivery(receiver, n.title(), n.at(), shown(r.reason())));
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf("Cannot list failed deliveries: %s", e.getMessage());
        }
        out.sort(Comparator.comparing(FailedDelivery::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    /**
     * A stored reason as it may be shown. Redacted again: refusals stay a week, and those recorded before
     * reasons were redacted first may hold a webhook URL, even one cut off at its end (before the "…").
     */
    private String shown(String reason) {
        if (reason != null && reason.endsWith("…")) {
            return redactor.redactHead(reason.substring(0, reason.length() - 1)) + "…";
        }
        return redactor.redact(reason);
    }

    @Override
    public List<Notice> noticesOf(String alertId) {
        return history.of(alertId).stream().map(n -> new Notice(n.receiver(), n.kind(), n.madeAt(), n.updatedAt(), n.outcome(),
                n.detail())).toList();
    }

    @Override
    public List<DeliveryStatus> status() {
        return receivers.values().stream().map(ReceiverDelivery::status).toList();
    }

    /** The log entry as recorded with the message. */
    private Outbox.LogRecord logWrite(AlertGroups.LogEntry entry) throws JsonProcessingException {
        // Kept while the group fires (acknowledged or silenced groups send no reminders to renew it).
        return new Outbox.LogRecord(entry.groupKey(), json.writeValueAsString(entry),
                entry.firing().isEmpty() ? entry.sentAt().plus(logKept) : null);
    }

    private Map<String, AlertGroups.LogEntry> loadLog() {
        Map<String, AlertGroups.LogEntry> out = new HashMap<>();
        try {
            outbox.notificationLog().forEach((key, doc) -> {
                try {
                    AlertGroups.LogEntry entry = json.readValue(doc, AlertGroups.LogEntry.class);
                    out.put(entry.groupKey(), entry);
                } catch (JsonProcessingException e) {
                    Log.warnf("Ignoring notification log %s: %s", key, e.getOriginalMessage());
                }
            });
        } catch (RuntimeException storeDown) {
            Log.errorf("Cannot read the notification log (%s): alerts firing before the restart may be announced again",
                    storeDown.getMessage());
        }
        return out;
    }

    /**
     * Stops after the inputs ({@link ShutdownOrder}): the ticker hands over no more groups, then each worker finishes
     * the send under way and records it.
     */
    void stopDelivering(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.DELIVERY) ShutdownEvent shutdown) {
        ShutdownOrder.finish(ticker);
        receivers.values().forEach(r -> r.worker().stop());
    }

    @PreDestroy
    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        receivers.values().forEach(r -> r.worker().stop());
    }
}
