package io.pipewatch.incident;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forms incidents from alert changes: a firing alert joins an open incident of its pipeline that it is related to, or
 * opens one; an incident resolves when none of its alerts fires any more. Each change re-judges the cause ({@link CauseJudgement}). Pure and
 * single-threaded: {@link IncidentTracker} stores and announces what it returns.
 */
public final class IncidentBook {

    /** Resolved incidents kept for the API and the index page; the store keeps them longer. */
    static final int KEPT_RESOLVED = 200;
    /** Ties (incidents started in the same instant) in the order of their ids, so that a merge goes the same way each run. */
    private static final java.util.Comparator<Incident> OLDEST_FIRST = java.util.Comparator.comparing(Incident::startedAt)
            .thenComparing(Incident::id);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /** Open incidents by id. */
    private final Map<String, Incident> open = new LinkedHashMap<>();
    /**
     * The ids of open incidents by the alerts they hold and by pipeline: an alert change looks at the incidents it may
     * touch, not at every open one (a storm of alarms on no pipeline opens thousands, and each offer scanned them all
     * under the tracker's lock).
     */
    private final Map<String, Set<String>> openByAlert = new HashMap<>();
    private final Map<String, Set<String>> openByPipeline = new HashMap<>();
    private final Deque<Incident> resolved = new ArrayDeque<>();

    /**
     * Takes up incidents of an earlier run, open and resolved, oldest first. What formed meanwhile (the store answered
     * late) is newer and wins: a stored incident already known, or open with an alert an open one holds, is skipped.
     */
    public void restore(Collection<Incident> stored) {
        stored.stream().sorted(java.util.Comparator.comparing(Incident::startedAt)).forEach(i -> {
            if (idTaken(i.id()) || i.open() && i.alerts().stream().anyMatch(a -> !openHolding(a).isEmpty())) {
                return;
            }
            if (i.open()) {
                putOpen(i);
            } else {
                remember(i);
            }
        });
    }

    /**
     * The alert as it is now. Returns the incidents it changed, its own first (opened, joined, re-judged or resolved;
     * then any it merged into that one); none when the alert belongs to no incident (it is not firing, and no open
     * incident holds it).
     */
    public List<Incident> offer(Alert alert, List<Pipeline> pipelines) {
        return alert.state() == AlertState.FIRING ? fired(alert, pipelines) : settled(alert, pipelines).stream().toList();
    }

    /**
     * A firing alert joins the open incidents of its pipeline that hold it or an alert related to it (same stage, or a
     * cause rule either way), else it opens one. When it relates to several, they are one incident after all and
     * merge into the oldest: a surge's throttles may fire before the surge's own alarm links them. Unrelated trouble in
     * the same minutes is told apart: a late-log burst during a throttle storm is not the storm's effect.
     */
    private List<Incident> fired(Alert alert, List<Pipeline> pipelines) {
        Placement place = place(alert, pipelines);
        Optional<Pipeline> pipeline = pipelines.stream().filter(p -> p.id().equals(place.pipeline())).findFirst();
        Instant fired = alert.firingSince() != null ? alert.firingSince() : alert.since();
        var joining = new Incident.Member(alert.id(), alert.alarm(), place.stageId(), place.stage(), place.stageTitle(),
                alert.subject().composite() ? Symptom.SUMMARY : Symptom.of(alert.subject().metrics()), fired, true);
        Set<String> candidates = new HashSet<>(openByAlert.getOrDefault(alert.id(), Set.of()));
        pipeline.ifPresent(p -> candidates.addAll(openByPipeline.getOrDefault(p.id(), Set.of())));
        List<Incident> joined = candidates.stream().map(open::get)
                .filter(i -> i.has(alert.id()) || pipeline.isPresent() && pipeline.get().id().equals(i.pipeline())
                        && i.members().stream().anyMatch(m -> CauseJudgement.related(pipeline.get(), m, joining)))
                .sorted(OLDEST_FIRST).toList();
        List<Incident.Member> members = new ArrayList<>();
        joined.forEach(i -> i.members().forEach(m -> {
            if (indexOf(members, m.alert()) < 0) {
                members.add(m);
            }
        }));
        int index = indexOf(members, alert.id());
        if (index >= 0) {
            members.set(index, members.get(index).firingAgain());
        } else {
            members.add(joining);
        }
        Incident into = joined.isEmpty() ? null : joined.get(0);
        String id = into != null ? into.id() : newId(alert.id(), place.pipeline(), fired);
        Incident after = judged(id, place.pipeline(), Incident.State.OPEN, into == null ? fired : into.startedAt(),
                null, members, pipelines, null);
        putOpen(after);
        List<Incident> changed = new ArrayList<>(List.of(after));
        for (Incident merged : joined.subList(Math.min(1, joined.size()), joined.size())) {
            removeOpen(merged.id());
            Incident closed = new Incident(merged.id(), merged.pipeline(), Incident.State.RESOLVED, merged.title(),
                    merged.cause(), merged.effects(), merged.alerts(), merged.startedAt(), fired, merged.members(), id);
            remember(closed);
            changed.add(closed);
        }
        return changed;
    }

    /** An alert that stopped firing; its incident resolves with its last firing alert. */
    private Optional<Incident> settled(Alert alert, List<Pipeline> pipelines) {
        for (Incident current : openHolding(alert.id())) {
            int index = indexOf(current.members(), alert.id());
            if (index < 0 || !current.members().get(index).firing()) {
                continue;
            }
            List<Incident.Member> members = new ArrayList<>(current.members());
            members.set(index, members.get(index).notFiring());
            boolean over = members.stream().noneMatch(Incident.Member::firing);
            Incident after = judged(current.id(), current.pipeline(), over ? Incident.State.RESOLVED : Incident.State.OPEN,
                    current.startedAt(), over ? alert.since() : null, members, pipelines, null);
            if (over) {
                removeOpen(current.id());
                remember(after);
            } else {
                putOpen(after);
            }
            return Optional.of(after);
        }
        return Optional.empty();
    }

    /** The newest incident that holds the alert (not one merged into another). */
    public Optional<Incident> of(String alertId) {
        // As all() would find it, without sorting every open incident for each alert change.
        Optional<Incident> open = openHolding(alertId).stream().filter(i -> i.mergedInto() == null)
                .max(java.util.Comparator.comparing(Incident::startedAt));
        if (open.isPresent()) {
            return open;
        }
        for (var it = resolved.descendingIterator(); it.hasNext();) {
            Incident i = it.next();
            if (i.mergedInto() == null && i.has(alertId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** One incident by id, open or resolved, without sorting them all. */
    public Optional<Incident> get(String id) {
        Incident open = this.open.get(id);
        if (open != null) {
            return Optional.of(open);
        }
        for (var it = resolved.descendingIterator(); it.hasNext();) {
            Incident i = it.next();
            if (i.id().equals(id)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The first {@code n} of {@link #all()} not merged into another, selected without sorting them all. */
    public List<Incident> newest(int n) {
        java.util.Comparator<Incident> newestFirst = java.util.Comparator.comparing(Incident::startedAt).reversed();
        java.util.PriorityQueue<Incident> kept = new java.util.PriorityQueue<>(newestFirst.reversed());
        for (Incident i : open.values()) {
            if (i.mergedInto() == null) {
                kept.add(i);
                if (kept.size() > n) {
                    kept.poll();
                }
            }
        }
        List<Incident> out = new ArrayList<>(kept);
        out.sort(newestFirst);
        for (var it = resolved.descendingIterator(); it.hasNext() && out.size() < n;) {
            Incident i = it.next();
            if (i.mergedInto() == null) {
                out.add(i);
            }
        }
        return out;
    }

    /** Open incidents first (newest first), then resolved ones, newest first. */
    public List<Incident> all() {
        List<Incident> out = new ArrayList<>(open.values());
        out.sort(java.util.Comparator.comparing(Incident::startedAt).reversed());
        resolved.descendingIterator().forEachRemaining(out::add);
        return out;
    }

    public List<Incident> open() {
        return List.copyOf(open.values());
    }

    /** The open incidents that hold the alert, oldest first. */
    private List<Incident> openHolding(String alertId) {
        return openByAlert.getOrDefault(alertId, Set.of()).stream().map(open::get).sorted(OLDEST_FIRST).toList();
    }

    private void putOpen(Incident incident) {
        removeOpen(incident.id());
        open.put(incident.id(), incident);
        incident.members().forEach(m -> openByAlert.computeIfAbsent(m.alert(), k -> new HashSet<>()).add(incident.id()));
        if (incident.pipeline() != null) {
            openByPipeline.computeIfAbsent(incident.pipeline(), k -> new HashSet<>()).add(incident.id());
        }
    }

    private void removeOpen(String id) {
        Incident gone = open.remove(id);
        if (gone == null) {
            return;
        }
        gone.members().forEach(m -> forget(openByAlert, m.alert(), id));
        if (gone.pipeline() != null) {
            forget(openByPipeline, gone.pipeline(), id);
        }
    }

    private static void forget(Map<String, Set<String>> index, String key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            index.remove(key);
        }
    }

    private void remember(Incident i) {
        resolved.addLast(i);
        while (resolved.size() > KEPT_RESOLVED) {
            resolved.removeFirst();
        }
    }

    private Incident judged(String id, String pipelineId, Incident.State state, Instant started, Instant resolvedAt,
            List<Incident.Member> members, List<Pipeline> pipelines, String mergedInto) {
        Optional<Pipeline> pipeline = pipelines.stream().filter(p -> p.id().equals(pipelineId)).findFirst();
        CauseJudgement j = CauseJudgement.of(pipeline, members);
        return new Incident(id, pipelineId, state, j.title(), j.cause(), j.effects(), j.alerts(), started, resolvedAt, members,
                mergedInto);
    }

    private String newId(String alertId, String pipeline, Instant fired) {
        String base = (pipeline != null ? pipeline : alertId) + "-" + ID_TIME.format(fired);
        String id = base;
        for (int n = 2; idTaken(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private boolean idTaken(String id) {
        return open.containsKey(id) || resolved.stream().anyMatch(i -> i.id().equals(id));
    }

    private static int indexOf(List<Incident.Member> members, String alertId) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).alert().equals(alertId)) {
                return i;
            }
        }
        return -1;
    }

    /** Where an alert sits: a pipeline's stage, or nowhere (then its resource stands in for the stage). */
    private record Placement(String pipeline, String stageId, String stage, String stageTitle) {
    }

    private static Placement place(Alert alert, List<Pipeline> pipelines) {
        for (Pipeline p : pipelines) {
            var stage = p.stageOf(alert.subject().metrics());
            if (stage.isPresent()) {
                PipelineStage s = stage.get();
                return new Placement(p.id(), s.id(), s.resource(), s.title());
            }
        }
        return new Placement(null, null, alert.resource(), alert.resource());
    }
}
