package io.pipewatch.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.SeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each alarm is evaluated no later than its own series are complete to. */
class EvaluationTimeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final SeriesKey CLOUDWATCH = new SeriesKey(MetricId.of("AWS/Lambda", "Errors", Map.of()), "Sum");
    private static final SeriesKey STREAM = new SeriesKey(MetricId.of("Pipewatch/Streams", "RecordsRead", Map.of()), "Sum");
    private static final SeriesKey SILENT = new SeriesKey(MetricId.of("AWS/Lambda", "Throttles", Map.of()), "Sum");

    @Test
    void anAlarmWaitsForItsSlowestSeriesOnly() {
        var store = new SeriesStore(10);
        store.markComplete(CLOUDWATCH, NOW.minus(Duration.ofMinutes(2)));
        store.markComplete(STREAM, NOW);

        assertEquals(NOW.minus(Duration.ofMinutes(2)), PeriodWindow.evaluationTime(alarm(CLOUDWATCH), store, NOW));
        assertEquals(NOW, PeriodWindow.evaluationTime(alarm(STREAM), store, NOW), "stream alarms are not held back");
        assertEquals(NOW.minus(Duration.ofMinutes(2)), PeriodWindow.evaluationTime(alarm(STREAM, CLOUDWATCH), store, NOW));
        assertEquals(NOW, PeriodWindow.evaluationTime(alarm(SILENT), store, NOW), "a series no source answered for: now");
    }

    private static AlarmDefinition alarm(SeriesKey... keys) {
        List<AlarmInput> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            inputs.add(new AlarmInput("m" + i, keys[i]));
        }
        return new AlarmDefinition("a", "A", "s", Severity.WARNING, inputs,
                keys.length > 1 ? Optional.of(Expression.parse("m0 + m1")) : Optional.empty(), Duration.ofSeconds(60),
                new EvaluationCriteria(Comparison.GreaterThanThreshold, 0, 1, 1, TreatMissingData.MISSING),
                "/runbooks/a", Optional.empty(), Map.of(), EvaluatedBy.PIPEWATCH, 0, io.pipewatch.signal.Unit.NONE, Optional.empty(), Optional.empty(), Path.of("a.yaml"));
    }
}
