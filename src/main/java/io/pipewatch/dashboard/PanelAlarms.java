package io.pipewatch.dashboard;

import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.AlarmInput;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which alarms of a stage watch what a chart draws, and where each one's threshold falls on that chart: an alarm
 * on a series draws its threshold as a line there (divided by the period when the chart shows the series per second),
 * an alarm on an error rate draws it on the chart of that rate. A chart line the alarm does not read gets no line,
 * since a threshold on another scale would lie.
 */
final class PanelAlarms {

    /** An alarm a panel shows: its threshold on the panel's scale (null: a band or no line), and the line it belongs to. */
    record Mark(String id, String name, Double threshold, String series) {
    }

    private PanelAlarms() {
    }

    static List<Mark> of(Panel panel, List<AlarmDefinition> alarms) {
        List<Mark> out = new ArrayList<>();
        for (AlarmDefinition a : alarms) {
            if (a.composite().isPresent()) {
                continue;
            }
            for (PanelSeries line : panel.series()) {
                if (watches(a, line)) {
                    out.add(new Mark(a.id(), a.name(), threshold(a, line), line.id()));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean watches(AlarmDefinition a, PanelSeries line) {
        Set<SeriesKey> read = new HashSet<>();
        for (AlarmInput input : a.inputs()) {
            read.add(input.series());
        }
        if (a.expression().isEmpty()) {
            return line.key() != null && read.contains(line.key());
        }
        // An expression alarm (100 * errors / invocations) and a chart of the same rate over the same metrics.
        return line.key() == null && a.unit() == Unit.PERCENT && "%".equals(line.unit()) && read.equals(new HashSet<>(line.keys()));
    }

    private static Double threshold(AlarmDefinition a, PanelSeries line) {
        if (Double.isNaN(a.threshold())) {
            return null;
        }
        return line.perSecond() ? a.threshold() / a.period().toSeconds() : a.threshold();
    }
}
