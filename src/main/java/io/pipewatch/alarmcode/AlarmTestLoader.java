package io.pipewatch.alarmcode;

import io.pipewatch.alert.AlertState;
import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.YamlFiles;
import io.pipewatch.config.YamlMapping;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.signal.BandEdge;
import io.pipewatch.signal.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads test files strictly, like alarm files: every problem at once with file, line and key. A
 * series the alarm does not read is refused too, since the alarm would see no data and the test
 * would pass or fail for the wrong reason.
 *
 * <pre>
 * interval: 1m                       # one value per minute (default; a test may set its own)
 * tests:
 *   - name: fires on one slow minute
 *     alarm: stream-consumers-falling-behind
 *     series:
 *       'AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=device-logs}:Maximum': 1000x4 45000 1000x3
 *     expect: {5m: OK, 6m: FIRING, 8m: RESOLVED}
 * </pre>
 */
public final class AlarmTestLoader {

    /** Pipewatch's states, and CloudWatch's spelling of firing ({@code ALARM}), so a test reads either way. */
    private static final Map<String, AlertState> STATES = states();
    /** Where a test may start: the states CloudWatch alarms can be in. */
    private static final Map<String, AlertState> INITIAL = Map.of("OK", AlertState.OK, "FIRING", AlertState.FIRING,
            "ALARM", AlertState.FIRING, "INSUFFICIENT_DATA", AlertState.INSUFFICIENT_DATA);

    private static Map<String, AlertState> states() {
        Map<String, AlertState> out = Arrays.stream(AlertState.values())
                .collect(Collectors.toMap(Enum::name, s -> s, (a, b) -> a, LinkedHashMap::new));
        out.put("ALARM", AlertState.FIRING);
        return out;
    }

    private final Map<String, AlarmDefinition> alarms;

    public AlarmTestLoader(List<AlarmDefinition> alarms) {
        this.alarms = alarms.stream().collect(Collectors.toMap(AlarmDefinition::id, a -> a, (a, b) -> a, LinkedHashMap::new));
    }

    public List<AlarmTest> load(List<Path> files, DefinitionProblems problems) {
        List<AlarmTest> out = new ArrayList<>();
        for (Path file : files) {
            YamlFiles.load(file, problems).ifPresent(root -> out.addAll(read(root, file)));
        }
        return out;
    }

    private List<AlarmTest> read(YamlMapping root, Path file) {
        Duration interval = positive(root, root.duration("interval").orElse(Duration.ofMinutes(1)));
        List<YamlMapping> entries = root.mappings("tests");
        if (entries.isEmpty()) {
            root.problem("tests", "is required: a list of tests, each with name, alarm, series and expect");
        }
        root.rejectUnknownKeys();
        List<AlarmTest> out = new ArrayList<>();
        for (YamlMapping t : entries) {
            test(t, file, interval).ifPresent(out::add);
        }
        return out;
    }

    /** Values are at least a second apart: a zero interval would never advance time. */
    private static Duration positive(YamlMapping m, Duration interval) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            m.problem("interval", "must be at least 1s");
            return Duration.ofMinutes(1);
        }
        return interval;
    }

    /**
     * A series id as a test writes it. An anomaly alarm's band is two series named like the metric's with
     * {@code :band_lower} and {@code :band_upper}; they stand for the edges of the alarm's own band width.
     */
    static SeriesKey seriesKey(String id, AlarmDefinition alarm) {
        for (String edge : List.of(":band_lower", ":band_upper")) {
            if (id.trim().endsWith(edge)) {
                SeriesKey of = SeriesKey.parse(id.trim().substring(0, id.trim().length() - edge.length()));
                double width = alarm == null ? 0 : alarm.criteria().threshold();
                return edge.equals(":band_upper") ? BandEdge.upper(of, width) : BandEdge.lower(of, width);
            }
        }
        return SeriesKey.parse(id);
    }

    /** How a test names a series the alarm reads. */
    static String spelling(SeriesKey key) {
        return BandEdge.of(key).map(e -> e.of().id() + (e.upper() ? ":band_upper" : ":band_lower")).orElse(key.id());
    }

    private Optional<AlarmTest> test(YamlMapping t, Path file, Duration interval) {
        String name = t.requiredString("name");
        Duration step = positive(t, t.duration("interval").orElse(interval));
        String alarmId = t.requiredString("alarm");
        AlarmDefinition alarm = alarms.get(alarmId);
        if (alarm == null && !alarmId.isEmpty()) {
            t.problem("alarm", "'" + alarmId + "' is not an alarm id; the alarms are " + String.join(", ", alarms.keySet()));
        }
        Map<SeriesKey, List<Double>> series = new LinkedHashMap<>();
        boolean ok = alarm != null;
        AlertState initial = t.oneOf("initial_state", INITIAL).orElse(AlertState.INSUFFICIENT_DATA);
        Optional<YamlMapping> seriesEntries = t.mapping("series");
        if (seriesEntries.isEmpty()) {
            t.problem("series", "is required: each input series by id, with its values (e.g. '0+10x5 _ 100')");
        }
        // What the alarm reads, and a composite's children with it: a test gives those series, no others.
        List<SeriesKey> read = alarm == null ? List.of() : new AlarmTestRunner(List.copyOf(alarms.values())).chain(alarm)
                .stream().flatMap(a -> a.seriesKeys().stream()).distinct().toList();
        for (YamlMapping s : seriesEntries.stream().toList()) {
            for (String id : s.keys()) {
                try {
                    SeriesKey key = seriesKey(id, alarm);
                    if (alarm != null && !read.contains(key)) {
                        s.problem(id, "is not read by " + alarmId + "; it reads " + read.stream()
                                .map(AlarmTestLoader::spelling).collect(Collectors.joining(", ")));
                        ok = false;
                    }
                    series.put(key, SeriesNotation.parse(s.requiredString(id)));
                } catch (IllegalArgumentException e) {
                    s.handled(id);
                    s.problem(id, e.getMessage());
                    ok = false;
                }
            }
        }
        List<AlarmTest.Expectation> expectations = new ArrayList<>();
        Optional<YamlMapping> expect = t.mapping("expect");
        if (expect.isEmpty()) {
            t.problem("expect", "is required: states by time since the start, e.g. {5m: OK, 6m: FIRING}");
        }
        for (YamlMapping e : expect.stream().toList()) {
            for (String at : e.keys()) {
                Optional<AlertState> state = e.oneOf(at, STATES);
                try {
                    Duration when = io.pipewatch.config.YamlMapping.parseDuration(at);
                    state.ifPresent(s -> expectations.add(new AlarmTest.Expectation(when, s)));
                } catch (IllegalArgumentException bad) {
                    e.problem(at, "'" + at + "' is not a time since the start such as 90s, 5m or 1h");
                    ok = false;
                }
                ok &= state.isPresent();
            }
        }
        t.rejectUnknownKeys();
        if (!ok || name.isEmpty() || series.isEmpty() || expectations.isEmpty()) {
            return Optional.empty();
        }
        expectations.sort(java.util.Comparator.comparing(AlarmTest.Expectation::at));
        return Optional.of(new AlarmTest(file, name, alarm, step, Map.copyOf(series), List.copyOf(expectations), initial));
    }
}
