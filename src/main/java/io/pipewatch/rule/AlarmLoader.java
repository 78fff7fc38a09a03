package io.pipewatch.rule;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.YamlFiles;
import io.pipewatch.config.YamlMapping;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.Statistic;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code alarms/*.yaml} strictly: every file's {@code alarms:} list becomes definitions, and
 * every mistake (unknown key, a period CloudWatch refuses, M &gt; N, a missing runbook, a duplicate
 * name) becomes a problem naming file, line and key.
 */
public final class AlarmLoader {

    public List<AlarmDefinition> load(Path dir, DefinitionProblems problems) {
        List<AlarmDefinition> alarms = new ArrayList<>();
        Map<String, AlarmDefinition> byName = new HashMap<>();
        for (Path file : YamlFiles.list(dir, problems)) {
            YamlFiles.load(file, problems).ifPresent(root -> {
                List<YamlMapping> entries = root.mappings("alarms");
                if (entries.isEmpty() && !root.has("alarms")) {
                    root.problem("alarms", "is required: a list of alarms");
                }
                root.rejectUnknownKeys();
                for (YamlMapping entry : entries) {
                    read(entry).ifPresent(alarm -> {
                        if (byName.putIfAbsent(alarm.id(), alarm) != null) {
                            entry.problem("name", "'" + alarm.name() + "' is already defined in "
                                    + byName.get(alarm.id()).file());
                        } else {
                            alarms.add(alarm);
                        }
                    });
                }
            });
        }
        return alarms;
    }

    private Optional<AlarmDefinition> read(YamlMapping a) {
        String name = a.requiredString("name");
        String summary = a.requiredString("summary");
        Severity severity = a.oneOf("severity", Severity.spellings()).orElse(Severity.WARNING);
        MetricId metric = a.mapping("metric").map(AlarmLoader::metric).orElse(null);
        if (metric == null && !a.has("metric")) {
            a.problem("metric", "is required: namespace, name and dimensions of the metric to watch");
        }
        String statistic = a.requiredString("statistic");
        if (!statistic.isEmpty() && !Statistic.isValid(statistic)) {
            a.problem("statistic", "'" + statistic + "' is not a CloudWatch statistic (Sum, Average, Minimum, "
                    + "Maximum, SampleCount or a percentile such as p99)");
        }
        Duration period = a.duration("period").orElse(null);
        if (period == null && !a.has("period")) {
            a.problem("period", "is required");
        } else if (period != null && !validPeriod(period)) {
            a.problem("period", period.toSeconds() + "s is refused by CloudWatch: use 10, 20, 30 or a multiple of 60 seconds");
            period = null;
        }
        Comparison comparison = a.oneOf("comparison", Comparison.spellings()).orElse(null);
        if (comparison == null && !a.has("comparison")) {
            a.problem("comparison", "is required");
        }
        Double threshold = a.number("threshold").orElse(null);
        if (threshold == null && !a.has("threshold")) {
            a.problem("threshold", "is required");
        }
        int n = a.integer("evaluation_periods").orElse(1);
        if (n < 1) {
            a.problem("evaluation_periods", "must be at least 1");
        }
        int m = a.integer("datapoints_to_alarm").orElse(n);
        if (m < 1 || m > n) {
            a.problem("datapoints_to_alarm", m + " must be between 1 and evaluation_periods (" + n + ")");
        }
        TreatMissingData missing = a.oneOf("treat_missing_data", TreatMissingData.spellings())
                .orElse(TreatMissingData.MISSING);
        String runbook = a.requiredString("runbook");
        if (!runbook.isEmpty() && !validLink(runbook)) {
            a.problem("runbook", "'" + runbook + "' must be an http(s) URL or a path starting with /");
        }
        Optional<String> dashboard = a.string("dashboard");
        Map<String, String> labels = a.stringMap("labels");
        a.rejectUnknownKeys();
        if (name.isEmpty() || summary.isEmpty() || metric == null || statistic.isEmpty() || period == null
                || comparison == null || threshold == null || n < 1 || m < 1 || m > n || runbook.isEmpty()) {
            return Optional.empty();
        }
        var criteria = new EvaluationCriteria(comparison, threshold, n, m, missing);
        return Optional.of(new AlarmDefinition(slug(name), name, summary, severity, metric, statistic, period,
                criteria, runbook, dashboard, Map.copyOf(labels), a.file()));
    }

    private static MetricId metric(YamlMapping m) {
        String namespace = m.requiredString("namespace");
        String name = m.requiredString("name");
        Map<String, String> dimensions = m.stringMap("dimensions");
        m.rejectUnknownKeys();
        return namespace.isEmpty() || name.isEmpty() ? null : MetricId.of(namespace, name, dimensions);
    }

    /** CloudWatch accepts 10, 20 and 30 second periods (high resolution) or any multiple of 60 s. */
    public static boolean validPeriod(Duration period) {
        long s = period.toSeconds();
        return period.toMillis() % 1000 == 0 && (s == 10 || s == 20 || s == 30 || s > 0 && s % 60 == 0);
    }

    private static boolean validLink(String link) {
        if (link.startsWith("/")) {
            return true;
        }
        try {
            URI uri = URI.create(link);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
