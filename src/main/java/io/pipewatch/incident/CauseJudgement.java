package io.pipewatch.incident;

import io.pipewatch.signal.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges an incident's cause from its alerts with what the pipeline means ({@link CauseRules}), not only by onset:
 * the cause is an alert no other alert explains; among several, the one that explains most, then the first to fire,
 * then the stage earliest in the flow. What it says is one line a person at 03:00 can check against the charts.
 */
public record CauseJudgement(Incident.Cause cause, List<Incident.Effect> effects, String title, List<String> alerts) {

    public static CauseJudgement of(Optional<Pipeline> pipeline, List<Incident.Member> members) {
        if (pipeline.isEmpty()) {
            Incident.Member only = members.get(0);
            return new CauseJudgement(cause(only, only.alarmName() + " on " + only.stage() + ": on no pipeline's stage, so"
                    + " nothing else is weighed against it"), List.of(), only.alarmName(), List.of(only.alert()));
        }
        Pipeline p = pipeline.get();
        List<Link> links = new ArrayList<>();
        for (Incident.Member c : members) {
            for (Incident.Member e : members) {
                if (c != e) {
                    explaining(p, c, e).ifPresent(rule -> links.add(new Link(c, e, rule)));
                }
            }
        }
        // A composite summarises its children; one of them, when present, is the cause it summarises.
        List<Incident.Member> concrete = members.stream().filter(m -> m.symptom() != Symptom.SUMMARY).toList();
        List<Incident.Member> candidates = concrete.isEmpty() ? members : concrete;
        List<Incident.Member> roots = candidates.stream().filter(m -> links.stream().noneMatch(l -> l.effect() == m)).toList();
        Incident.Member cause = (roots.isEmpty() ? candidates : roots).stream()
                .min(Comparator.comparingLong((Incident.Member m) -> -links.stream().filter(l -> l.cause() == m).count())
                        .thenComparing(Incident.Member::firedAt)
                        .thenComparingInt(m -> p.order(m.stageId()))
                        .thenComparing(Incident.Member::alarmName))
                .orElseThrow();
        List<Incident.Effect> effects = new ArrayList<>();
        List<String> alerts = new ArrayList<>(List.of(cause.alert()));
        members.stream().filter(m -> m != cause).sorted(Comparator.comparing(Incident.Member::firedAt)).forEach(m -> {
            String why = links.stream().filter(l -> l.effect() == m)
                    .sorted(Comparator.comparing((Link l) -> l.cause() != cause)).map(l -> l.rule().why()).findFirst().orElse("");
            effects.add(new Incident.Effect(m.stage(), m.stageTitle(), m.stageId(), m.alert(), m.alarmName(), why));
            alerts.add(m.alert());
        });
        String title = cause.stageTitle() + ": " + cause.alarmName()
                + (effects.isEmpty() ? "" : " (+" + effects.size() + " more)");
        return new CauseJudgement(cause(cause, reason(cause, links, members.size())), effects, title, alerts);
    }

    /** "Stream consumers falling behind began 40 s after Ingest Lambda duration near timeout on ingest-impressions: …" */
    private static String reason(Incident.Member cause, List<Link> links, int size) {
        Optional<Link> first = links.stream().filter(l -> l.cause() == cause)
                .min(Comparator.comparing(l -> l.effect().firedAt()));
        if (first.isPresent()) {
            Incident.Member effect = first.get().effect();
            long ms = Duration.between(cause.firedAt(), effect.firedAt()).toMillis();
            String when = ms == 0 ? "began with " : Unit.MILLISECONDS.format(Math.abs(ms)) + (ms > 0 ? " after " : " before ");
            return effect.alarmName() + " " + (ms == 0 ? "" : "began ") + when + cause.alarmName() + " on " + cause.stage()
                    + (ms < 0 ? ", which explains it" : "") + ": " + first.get().rule().why();
        }
        if (size == 1) {
            return cause.alarmName() + " on " + cause.stage() + " is the only alert in the pipeline";
        }
        return cause.alarmName() + " on " + cause.stage() + " went wrong first; no rule links the " + (size - 1)
                + " other alert(s) to it";
    }

    /** True when two alerts tell of one trouble: on the same stage, or one explains the other. */
    static boolean related(Pipeline p, Incident.Member a, Incident.Member b) {
        return a.stageId() != null && a.stageId().equals(b.stageId()) || explaining(p, a, b).isPresent()
                || explaining(p, b, a).isPresent();
    }

    private static Optional<CauseRule> explaining(Pipeline p, Incident.Member c, Incident.Member e) {
        var cs = p.stage(c.stageId());
        var es = p.stage(e.stageId());
        if (cs.isEmpty() || es.isEmpty()) {
            return Optional.empty();
        }
        return CauseRules.explaining(p, cs.get(), c.symptom(), es.get(), e.symptom());
    }

    private static Incident.Cause cause(Incident.Member m, String reason) {
        return new Incident.Cause(m.stage(), m.stageTitle(), m.stageId(), m.alert(), m.alarmName(), reason);
    }

    private record Link(Incident.Member cause, Incident.Member effect, CauseRule rule) {
    }
}
