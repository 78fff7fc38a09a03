package io.pipewatch.rule;

import io.pipewatch.signal.Unit;
import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.YamlFiles;
import io.pipewatch.config.YamlMapping;
import io.pipewatch.signal.ImpactMetrics;
import io.pipewatch.signal.KnownMetrics;
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
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.regex.Pattern;
import io.pipewatch.signal.SeriesKey;

/**
 * Reads {@code alarms/*.yaml} strictly: every file's {@code alarms:} list becomes definitions, and
 * every mistake (unknown key, a period CloudWatch refuses, M &gt; N, a missing runbook, a duplicate
 * name) becomes a problem naming file, line and key.
 */
public final class AlarmLoader {

    private static final Pattern METRIC_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    /** Every key an alarm may have (docs/alarms.schema.json lists the same), whichever form the alarm takes. */
    public static final List<String> KEYS = List.of("name", "summary", "severity", "metric", "statistic", "expression",
            "metrics", "period", "comparison", "threshold", "evaluation_periods", "datapoints_to_alarm",
            "treat_missing_data", "runbook", "dashboard", "labels", "evaluated_by", "keep_firing_for", "unit", "impact",
            "anomaly_band", "evaluate_low_sample_count_percentile", "rule");
    /** What a composite alarm may say beside its rule: it has no metric, threshold or periods of its own. */
    private static final List<String> COMPOSITE_KEYS = List.of("name", "summary", "severity", "rule", "runbook", "dashboard",
            "labels", "evaluated_by");
    /** What {@code impact:} sets itself, so an alarm on the forecast cannot also name them. */
    private static final List<String> SET_BY_IMPACT = List.of("metric", "statistic", "expression", "metrics", "comparison",
            "threshold", "unit");

    public List<AlarmDefinition> load(Path dir, DefinitionProblems problems) {
        List<AlarmDefinition> alarms = new ArrayList<>();
        Map<String, AlarmDefinition> byName = new HashMap<>();
        Map<String, YamlMapping> entriesById = new HashMap<>();
        for (Path file : YamlFiles.list(dir, problems)) {
            YamlFiles.load(file, problems).ifPresent(root -> {
                List<YamlMapping> entries = root.mappings("alarms");
                if (entries.isEmpty() && !root.has("alarms")) {
                    root.problem("alarms", "is required: a list of alarms");
                }
                for (YamlMapping entry : entries) {
                    read(entry).ifPresent(alarm -> {
                        if (byName.putIfAbsent(alarm.id(), alarm) != null) {
                            entry.problem("name", "'" + alarm.name() + "' is already defined in "
                                    + byName.get(alarm.id()).file());
                        } else {
                            alarms.add(alarm);
                            entriesById.put(alarm.id(), entry);
                        }
                    });
                }
                // After the alarms, so that an alarm's key written at the top is recognised as one.
                root.rejectUnknownKeys();
            });
        }
        return resolveComposites(alarms, entriesById);
    }

    /**
     * Resolves each composite's rule against the other alarms (by id or by name), in an order where every alarm
     * comes after the alarms its rule names, so one pass evaluates children before their composites. A name that
     * is no alarm, or a rule that leads back to itself, is a problem at the rule.
     */
    private static List<AlarmDefinition> resolveComposites(List<AlarmDefinition> alarms, Map<String, YamlMapping> entries) {
        Map<String, AlarmDefinition> byId = new java.util.LinkedHashMap<>();
        Map<String, String> idByName = new HashMap<>();
        alarms.forEach(a -> {
            byId.put(a.id(), a);
            idByName.put(a.name(), a.id());
        });
        List<AlarmDefinition> ordered = new ArrayList<>();
        Map<String, AlarmDefinition> done = new HashMap<>();
        Set<String> failed = new java.util.HashSet<>();
        for (AlarmDefinition a : alarms) {
            resolve(a, byId, idByName, entries, done, failed, new LinkedHashSet<>(), ordered);
        }
        return ordered;
    }

    private static boolean resolve(AlarmDefinition a, Map<String, AlarmDefinition> byId, Map<String, String> idByName,
            Map<String, YamlMapping> entries, Map<String, AlarmDefinition> done, Set<String> failed, Set<String> path,
            List<AlarmDefinition> ordered) {
        if (done.containsKey(a.id())) {
            return true;
        }
        if (failed.contains(a.id())) {
            return false;
        }
        if (a.composite().isEmpty()) {
            done.put(a.id(), a);
            ordered.add(a);
            return true;
        }
        YamlMapping entry = entries.get(a.id());
        if (!path.add(a.id())) {
            entry.problem("rule", "leads back to '" + a.name() + "' through " + String.join(" → ", path));
            failed.add(a.id());
            return false;
        }
        CompositeRule rule = a.composite().get().rule();
        List<String> children = new ArrayList<>();
        boolean ok = true;
        for (String named : rule.children()) {
            String id = byId.containsKey(named) ? named : idByName.get(named);
            if (id == null) {
                entry.problem("rule", "names '" + named + "', which is not an alarm in alarms/ (give its name or id)");
                ok = false;
                continue;
            }
            AlarmDefinition child = byId.get(id);
            if (a.evaluatedBy() == EvaluatedBy.CLOUDWATCH && child.evaluatedBy() != EvaluatedBy.CLOUDWATCH) {
                entry.problem("rule", "names '" + named + "', which only Pipewatch evaluates: CloudWatch cannot watch it");
                ok = false;
            }
            ok &= resolve(child, byId, idByName, entries, done, failed, path, ordered);
            children.add(id);
        }
        path.remove(a.id());
        if (!ok) {
            failed.add(a.id());
            return false;
        }
        Set<io.pipewatch.signal.MetricId> metrics = new java.util.HashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        for (String id : children) {
            metrics.addAll(done.get(id).metrics());
            resources.add(done.get(id).resource());
        }
        AlarmDefinition resolved = a.withComposite(new Composite(rule, children, metrics, String.join(", ", resources)));
        done.put(a.id(), resolved);
        ordered.add(resolved);
        return true;
    }

    /** {@code rule: ALARM(a) AND NOT OK(b)}: a composite alarm, its state decided by the states of the alarms it names. */
    private Optional<AlarmDefinition> readComposite(YamlMapping a) {
        for (String key : KEYS) {
            if (a.has(key) && !COMPOSITE_KEYS.contains(key)) {
                a.handled(key);
                a.problem(key, "cannot be used with rule: a composite alarm's state comes from the alarms its rule names");
            }
        }
        String name = a.requiredString("name");
        String summary = a.requiredString("summary");
        Severity severity = a.oneOf("severity", Severity.spellings()).orElse(Severity.WARNING);
        String text = a.requiredString("rule");
        CompositeRule rule = null;
        if (!text.isEmpty()) {
            try {
                rule = CompositeRule.parse(text);
            } catch (IllegalArgumentException e) {
                a.problem("rule", e.getMessage());
            }
        }
        String runbook = runbook(a);
        Optional<String> dashboard = a.string("dashboard");
        Map<String, String> labels = a.stringMap("labels");
        EvaluatedBy evaluatedBy = a.oneOf("evaluated_by", EvaluatedBy.spellings()).orElse(EvaluatedBy.PIPEWATCH);
        a.rejectUnknownKeys();
        if (rule == null || name.isEmpty() || summary.isEmpty() || runbook.isEmpty()) {
            return Optional.empty();
        }
        // Never compared: a composite has no datapoints. One period keeps the state's timing in line with its children's.
        var criteria = new EvaluationCriteria(Comparison.GreaterThanThreshold, Double.NaN, 1, 1, TreatMissingData.MISSING);
        return Optional.of(new AlarmDefinition(slug(name), name, summary, severity, List.of(), Optional.empty(), Duration.ofMinutes(1),
                criteria, runbook, dashboard, Map.copyOf(labels), evaluatedBy, 0, Unit.NONE, Optional.empty(),
                Optional.of(new Composite(rule, List.of(), Set.of(), "")), a.file()));
    }

    private Optional<AlarmDefinition> read(YamlMapping a) {
        a.known(KEYS);
        if (a.has("rule")) {
            return readComposite(a);
        }
        String name = a.requiredString("name");
        String summary = a.requiredString("summary");
        Severity severity = a.oneOf("severity", Severity.spellings()).orElse(Severity.WARNING);
        List<AlarmInput> inputs = new ArrayList<>();
        Optional<Duration> within = a.has("impact") ? impact(a, inputs) : Optional.empty();
        boolean onImpact = a.has("impact");
        Optional<Expression> expression = !onImpact && a.has("expression") ? expression(a, inputs) : Optional.empty();
        if (!onImpact && !a.has("expression")) {
            singleMetric(a).ifPresent(inputs::add);
        }
        Duration period = a.duration("period").orElse(onImpact ? Duration.ofMinutes(1) : null);
        if (period == null && !a.has("period")) {
            a.problem("period", "is required");
        } else if (period != null && !validPeriod(period)) {
            a.problem("period", period.toSeconds() + "s is refused by CloudWatch: use 10, 20, 30 or a multiple of 60 seconds");
            period = null;
        }
        boolean onBand = a.has("anomaly_band");
        Comparison comparison = onImpact ? Comparison.LessThanThreshold : comparison(a, onBand);
        Double threshold = onImpact ? within.map(w -> (double) w.toSeconds()).orElse(null)
                : onBand ? bandWidth(a, inputs) : a.number("threshold").orElse(null);
        if (threshold == null && !a.has("threshold") && !onImpact && !onBand) {
            a.problem("threshold", "is required (or anomaly_band: K, to compare with CloudWatch's anomaly detection band)");
        }
        int n = a.integer("evaluation_periods").orElse(1);
        if (n < 1) {
            a.problem("evaluation_periods", "must be at least 1");
        }
        boolean spanOk = period == null || n < 1 || withinEvaluationLimit(period, n);
        if (!spanOk) {
            a.problem("evaluation_periods", n + " × " + period.toSeconds() + "s is refused by CloudWatch: period × evaluation_periods"
                    + " must be at most 1 day (periods under 1 hour) or 7 days");
        }
        int m = a.integer("datapoints_to_alarm").orElse(n);
        if (m < 1 || m > n) {
            a.problem("datapoints_to_alarm", m + " must be between 1 and evaluation_periods (" + n + ")");
        }
        // No forecast is written while the age does not grow: for an alarm on the forecast, no data is good news.
        TreatMissingData missing = a.oneOf("treat_missing_data", TreatMissingData.spellings())
                .orElse(onImpact ? TreatMissingData.NOT_BREACHING : TreatMissingData.MISSING);
        String runbook = runbook(a);
        Optional<String> dashboard = a.string("dashboard");
        Map<String, String> labels = a.stringMap("labels");
        EvaluatedBy evaluatedBy = a.oneOf("evaluated_by", EvaluatedBy.spellings()).orElse(EvaluatedBy.PIPEWATCH);
        boolean wrongEvaluator = evaluatedBy == EvaluatedBy.CLOUDWATCH
                && inputs.stream().anyMatch(i -> i.series().metric().measuredByPipewatch());
        if (wrongEvaluator) {
            a.problem("evaluated_by", "cloudwatch cannot evaluate Pipewatch's own series (Pipewatch/…): use pipewatch");
        }
        int keepFiringFor = a.integer("keep_firing_for").orElse(0);
        boolean keepOk = keepFiringFor >= 0 && (keepFiringFor == 0 || evaluatedBy == EvaluatedBy.PIPEWATCH);
        if (keepFiringFor < 0) {
            a.problem("keep_firing_for", "must be 0 or more periods");
        } else if (!keepOk) {
            a.problem("keep_firing_for", "CloudWatch cannot keep an alarm firing: use evaluated_by: pipewatch, or remove it");
        }
        // What the numbers measure: said in the YAML, else the metric's own (an expression has none it can know).
        Unit unit = onImpact ? Unit.SECONDS : a.oneOf("unit", Unit.spellings()).orElseGet(() -> a.has("expression")
                || inputs.isEmpty() ? Unit.NONE : KnownMetrics.unitOf(inputs.get(0).series().metric(), inputs.get(0).series().statistic()));
        Optional<LowSampleCount> lowSamples = lowSampleCount(a, inputs);
        a.rejectUnknownKeys();
        boolean inputsOk = !inputs.isEmpty() && (!onImpact && a.has("expression") ? expression.isPresent() : inputs.size() == 1);
        if (wrongEvaluator || !keepOk || !spanOk || name.isEmpty() || summary.isEmpty() || !inputsOk || period == null
                || comparison == null || threshold == null || n < 1 || m < 1 || m > n || runbook.isEmpty()) {
            return Optional.empty();
        }
        long minimumSamples = lowSamples.filter(l -> l == LowSampleCount.IGNORE)
                .map(l -> LowSampleCount.minimumSamples(inputs.get(0).series().statistic()).orElse(0)).orElse(0L);
        var criteria = new EvaluationCriteria(comparison, threshold, n, m, missing, minimumSamples);
        return Optional.of(new AlarmDefinition(slug(name), name, summary, severity, List.copyOf(inputs), expression, period,
                criteria, runbook, dashboard, Map.copyOf(labels), evaluatedBy, keepFiringFor, unit, lowSamples, Optional.empty(), a.file()));
    }

    /**
     * {@code impact: {data_loss_within: 2h, stream: device-logs}}: an alarm on Pipewatch's forecast of when the stream
     * starts losing data ({@code Pipewatch/Impact SecondsToDataLoss}, Minimum, below the duration), evaluated by
     * Pipewatch. The keys it sets itself are refused beside it.
     */
    private static Optional<Duration> impact(YamlMapping a, List<AlarmInput> inputs) {
        for (String set : SET_BY_IMPACT) {
            if (a.has(set)) {
                a.handled(set);
                a.problem(set, "is set by impact: (the forecast in seconds, below data_loss_within); remove it");
            }
        }
        Optional<YamlMapping> impact = a.mapping("impact");
        if (impact.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping i = impact.get();
        String stream = i.requiredString("stream");
        Optional<Duration> within = i.duration("data_loss_within");
        if (within.isEmpty() && !i.has("data_loss_within")) {
            i.problem("data_loss_within", "is required: fire when data loss is predicted within this long (e.g. 2h)");
        } else if (within.isPresent() && within.get().isZero()) {
            i.problem("data_loss_within", "must be longer than 0");
            within = Optional.empty();
        }
        i.rejectUnknownKeys();
        if (!stream.isEmpty()) {
            inputs.add(new AlarmInput("m1", ImpactMetrics.secondsToDataLoss(stream)));
        }
        return within;
    }

    /**
     * {@code comparison:}: one of the threshold comparisons, or, beside {@code anomaly_band}, one of the three band
     * comparisons; a band comparison without a band (or the reverse) says which key is missing.
     */
    private static Comparison comparison(YamlMapping a, boolean onBand) {
        if (!a.has("comparison")) {
            a.problem("comparison", "is required");
            return null;
        }
        String written = a.string("comparison").orElse("");
        if (!onBand && Comparison.bandSpellings().containsKey(written)) {
            a.problem("comparison", written + " compares with an anomaly detection band: give anomaly_band: K (the band"
                    + " width in standard deviations, e.g. 2) instead of threshold");
            return null;
        }
        if (onBand && Comparison.spellings().containsKey(written)) {
            a.problem("comparison", "'" + written + "' compares with a threshold; with anomaly_band use "
                    + String.join(", ", Comparison.bandSpellings().keySet()));
            return null;
        }
        return a.oneOf("comparison", onBand ? Comparison.bandSpellings() : Comparison.spellings()).orElse(null);
    }

    /**
     * {@code anomaly_band: K}: the width of ANOMALY_DETECTION_BAND(m, K), in place of a threshold, on one CloudWatch
     * metric (CloudWatch trains the model; Pipewatch reads the band it computes).
     */
    private static Double bandWidth(YamlMapping a, List<AlarmInput> inputs) {
        if (a.has("threshold")) {
            a.handled("threshold");
            a.problem("threshold", "cannot be used with anomaly_band: the band is the threshold");
        }
        if (a.has("expression")) {
            a.problem("anomaly_band", "works on one metric (metric: and statistic:), not on an expression");
            return null;
        }
        Double width = a.number("anomaly_band").orElse(null);
        if (width != null && !(width > 0)) {
            a.problem("anomaly_band", AlarmDefinition.formatNumber(width) + " must be a band width above 0 (2 is CloudWatch's default)");
            return null;
        }
        if (width != null && inputs.size() == 1 && inputs.get(0).series().metric().measuredByPipewatch()) {
            a.problem("anomaly_band", "CloudWatch computes bands only for metrics it stores, not for Pipewatch's own series (Pipewatch/…)");
            return null;
        }
        return width;
    }

    /** {@code evaluate_low_sample_count_percentile: ignore|evaluate}, for an alarm on one metric's percentile. */
    private static Optional<LowSampleCount> lowSampleCount(YamlMapping a, List<AlarmInput> inputs) {
        Optional<LowSampleCount> mode = a.oneOf("evaluate_low_sample_count_percentile", LowSampleCount.spellings());
        if (mode.isPresent() && (a.has("expression") || a.has("impact")
                || inputs.size() == 1 && LowSampleCount.minimumSamples(inputs.get(0).series().statistic()).isEmpty())) {
            a.problem("evaluate_low_sample_count_percentile", "applies only to an alarm on one metric's percentile"
                    + " between p0 and p100 (e.g. statistic: p99)");
            return Optional.empty();
        }
        return mode;
    }

    /** {@code metric:} and {@code statistic:} of an alarm on one metric. */
    private static Optional<AlarmInput> singleMetric(YamlMapping a) {
        MetricId metric = a.mapping("metric").map(m -> {
            MetricId id = metric(m);
            m.rejectUnknownKeys();
            return id;
        }).orElse(null);
        if (metric == null && !a.has("metric")) {
            a.problem("metric", "is required: the metric to watch (namespace, name, dimensions), or an expression over metrics");
        }
        String statistic = statistic(a);
        return metric == null || statistic.isEmpty()
                ? Optional.empty()
                : Optional.of(new AlarmInput("m1", new SeriesKey(metric, statistic)));
    }

    /** {@code expression:} over {@code metrics:}, each metric with its own statistic, as CloudWatch metric math. */
    private static Optional<Expression> expression(YamlMapping a, List<AlarmInput> inputs) {
        for (String misplaced : List.of("metric", "statistic")) {
            if (a.has(misplaced)) {
                a.handled(misplaced);
                a.problem(misplaced, "cannot be used with expression: name each metric under metrics, with its statistic");
            }
        }
        String text = a.requiredString("expression");
        Optional<YamlMapping> metrics = a.mapping("metrics");
        if (metrics.isEmpty()) {
            a.problem("metrics", "is required with expression: the metrics it uses, by id");
        }
        Set<String> ids = new LinkedHashSet<>();
        metrics.ifPresent(ms -> {
            for (String id : ms.keys()) {
                if (!METRIC_ID.matcher(id).matches()) {
                    ms.problem(id, "metric ids start with a lower-case letter and hold letters, digits and _");
                }
                ids.add(id);
                ms.mapping(id).ifPresent(m -> {
                    MetricId metric = metric(m);
                    String statistic = statistic(m);
                    m.rejectUnknownKeys();
                    if (metric != null && !statistic.isEmpty()) {
                        inputs.add(new AlarmInput(id, new SeriesKey(metric, statistic)));
                    }
                });
            }
        });
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Expression expression = Expression.parse(text);
            List<String> undefined = expression.ids().stream().filter(id -> !ids.contains(id)).toList();
            if (!undefined.isEmpty()) {
                a.problem("expression", "uses " + String.join(", ", undefined) + ", not defined under metrics");
                return Optional.empty();
            }
            return inputs.size() == ids.size() ? Optional.of(expression) : Optional.empty();
        } catch (IllegalArgumentException e) {
            a.problem("expression", e.getMessage());
            return Optional.empty();
        }
    }

    private static MetricId metric(YamlMapping m) {
        String namespace = m.requiredString("namespace");
        String name = m.requiredString("name");
        Map<String, String> dimensions = m.stringMap("dimensions");
        if (namespace.isEmpty() || name.isEmpty()) {
            return null;
        }
        MetricId metric = MetricId.of(namespace, name, dimensions);
        var typo = KnownMetrics.check(metric);
        typo.ifPresent(p -> m.problem(p.field(), p.message()));
        return typo.isPresent() ? null : metric;
    }

    private static String statistic(YamlMapping m) {
        String statistic = m.requiredString("statistic");
        if (!statistic.isEmpty() && !Statistic.isValid(statistic)) {
            m.problem("statistic", "'" + statistic + "' is not a CloudWatch statistic (Sum, Average, Minimum, "
                    + "Maximum, SampleCount or a percentile such as p99)");
            return "";
        }
        return statistic;
    }

    /** PutMetricAlarm's limit: periods under an hour may span a day, longer ones a week. */
    static boolean withinEvaluationLimit(Duration period, int evaluationPeriods) {
        long limit = period.toSeconds() < 3600 ? 86_400 : 604_800;
        // Divided rather than multiplied: a period of 10^15 seconds times 10 overflows a long into a "valid" span.
        return period.toSeconds() <= limit / evaluationPeriods;
    }

    /** CloudWatch accepts 10, 20 and 30 second periods (high resolution) or any multiple of 60 s. */
    public static boolean validPeriod(Duration period) {
        long s = period.toSeconds();
        return period.getNano() == 0 && (s == 10 || s == 20 || s == 30 || s > 0 && s % 60 == 0);
    }

    /** {@code runbook:}, required: a link people can open (http(s), or a path under the public URL). */
    private static String runbook(YamlMapping a) {
        String runbook = a.requiredString("runbook");
        if (!runbook.isEmpty() && !validLink(runbook)) {
            a.problem("runbook", "'" + runbook + "' must be an http(s) URL or a path starting with /");
        }
        return runbook;
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
