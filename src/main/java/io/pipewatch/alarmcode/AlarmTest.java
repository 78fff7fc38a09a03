package io.pipewatch.alarmcode;

import io.pipewatch.alert.AlertState;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.signal.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One case of an {@code alarms/tests/*.yaml} file: input series for one alarm, one value every
 * {@code interval} from the start, the state it starts in ({@code initial_state}, INSUFFICIENT_DATA unless
 * said), and the alert state expected at given times after the start.
 */
public record AlarmTest(Path file, String name, AlarmDefinition alarm, Duration interval,
        Map<SeriesKey, List<Double>> series, List<Expectation> expectations, AlertState initialState) {

    /** At {@code at} after the start, the alert is in {@code state}. */
    public record Expectation(Duration at, AlertState state) {
    }
}
