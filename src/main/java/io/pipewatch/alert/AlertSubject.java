package io.pipewatch.alert;

import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.Unit;
import java.util.Map;

/**
 * What an alert is about, fixed while it lives: which alarm ({@code id}, its {@code alarm} name and labels), who
 * evaluates it ({@code source}: {@code pipewatch}, or {@code cloudwatch} over SNS), what it checks and in which unit,
 * and where to look (runbook and dashboard). Its state over time is {@link AlertStatus}.
 */
public record AlertSubject(
        String id,
        String alarm,
        Severity severity,
        String summary,
        String resource,
        String condition,
        double threshold,
        Unit unit,
        String runbook,
        String dashboard,
        Map<String, String> labels,
        String source) {

    /** The subject of an alarm of ours, as Pipewatch evaluates it or CloudWatch reports it ({@code source}). */
    static AlertSubject of(AlarmDefinition alarm, String source, AlertLinks links) {
        return new AlertSubject(alarm.id(), alarm.name(), alarm.severity(), alarm.summary(), alarm.resource(),
                alarm.condition(), alarm.criteria().threshold(), alarm.unit(), links.runbook(alarm), links.dashboard(alarm),
                alarm.labels(), source);
    }

    /** What the numbers measure; none for an alert stored before units were kept. */
    public Unit unitOrNone() {
        return unit == null ? Unit.NONE : unit;
    }
}
