package io.pipewatch.alert;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.Severity;
import io.pipewatch.rule.Verdict;
import io.pipewatch.signal.KnownMetrics;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.Unit;
import io.pipewatch.source.sns.CloudWatchAlarmMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a CloudWatch alarm's state change into Pipewatch's alert: an alarm {@code alarms apply} deployed
 * ({@code pipewatch-<id>}) becomes the alert of its definition, with its runbook, dashboard and labels; any
 * other alarm on the topic becomes an alert of its own that links to the alarm in the AWS console.
 */
@ApplicationScoped
public class CloudWatchAlarms {

    /** "Threshold Crossed: 1 datapoint [42000.0 (03/12/26 07:50:00)] was greater than …": the first value. */
    private static final Pattern REASON_VALUE = Pattern.compile("\\[(-?[0-9][0-9.]*(?:E-?[0-9]+)?) \\(");
    /** "… Sum 5.0 was greater than …", as emulators (and some statistics) quote it: a statistic, then its value. */
    private static final Pattern REASON_STATISTIC = Pattern.compile(
            "\\b(?:Sum|Average|Minimum|Maximum|SampleCount|p[0-9]{1,2}(?:\\.[0-9]+)?) (-?[0-9][0-9.]*(?:E-?[0-9]+)?)\\b");

    private static final String REPORTED = "reported by CloudWatch";

    private final AlarmCatalog catalog;
    private final AlertLinks links;
    private final String prefix;

    public CloudWatchAlarms(AlarmCatalog catalog, AlertLinks links, PipewatchConfig config) {
        this.catalog = catalog;
        this.links = links;
        this.prefix = config.sns().alarmPrefix();
    }

    /** The alert as it starts, before the reported state is applied. */
    public Alert template(CloudWatchAlarmMessage m) {
        Optional<AlarmDefinition> own = definition(m.alarmName());
        if (own.isPresent()) {
            return Alert.notEvaluated(AlertSubject.of(own.get(), Alert.CLOUDWATCH, links), m.stateChangeTime(), REPORTED);
        }
        String summary = m.description() == null || m.description().isBlank() ? m.alarmName() : m.description();
        if (m.composite()) {
            // A rule over other alarms' states: no metric, no threshold, and no "metric math" to pretend.
            var subject = new AlertSubject(idOf(m.alarmArn(), m.alarmName()), m.alarmName(), Severity.WARNING, summary,
                    "composite alarm", AlertSubject.COMPOSITE + m.alarmRule(), Double.NaN, Unit.NONE, console(m), links.home(),
                    Map.of("namespace", "composite"), Alert.CLOUDWATCH, List.of());
            return Alert.notEvaluated(subject, m.stateChangeTime(), REPORTED);
        }
        var t = m.trigger();
        // A metric-math alarm names its metrics under Trigger.Metrics, not as the trigger's own metric.
        List<MetricId> metrics = t.metricName() != null
                ? List.of(MetricId.of(t.namespace() == null ? "" : t.namespace(), t.metricName(), t.dimensions()))
                : t.mathMetrics();
        String namespace = t.namespace() != null ? t.namespace() : metrics.isEmpty() ? "metric math" : metrics.get(0).namespace();
        String resource = metrics.stream().filter(x -> !x.dimensions().isEmpty()).findFirst()
                .map(x -> String.join(", ", x.dimensions().values())).orElse(namespace);
        Unit unit = t.metricName() == null && (t.band() == null || metrics.size() != 1) ? Unit.NONE
                : KnownMetrics.unitOf(metrics.get(0), "SAMPLE_COUNT".equals(t.statistic()) ? "SampleCount" : t.statistic());
        var subject = new AlertSubject(idOf(m.alarmArn(), m.alarmName()), m.alarmName(), Severity.WARNING, summary, resource,
                t.condition(), t.threshold().orElse(Double.NaN), unit, console(m), links.home(), Map.of("namespace", namespace),
                Alert.CLOUDWATCH, metrics);
        return Alert.notEvaluated(subject, m.stateChangeTime(), REPORTED);
    }

    public static Verdict verdict(CloudWatchAlarmMessage m) {
        return switch (m.newState()) {
            case ALARM -> Verdict.ALARM;
            case OK -> Verdict.OK;
            case INSUFFICIENT_DATA -> Verdict.INSUFFICIENT_DATA;
        };
    }

    /** The datapoint CloudWatch quotes in its reason, when it quotes one. */
    public static Double value(CloudWatchAlarmMessage m) {
        String reason = m.reason() == null ? "" : m.reason();
        var quoted = REASON_VALUE.matcher(reason);
        if (quoted.find()) {
            return Double.valueOf(quoted.group(1));
        }
        var statistic = REASON_STATISTIC.matcher(reason);
        return statistic.find() ? Double.valueOf(statistic.group(1)) : null;
    }

    /** CloudWatch names the region for people in its messages ("EU (Ireland)"; emulators "EU - Ireland"). */
    private static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("useastnvirginia", "us-east-1"), Map.entry("useastohio", "us-east-2"),
            Map.entry("uswestncalifornia", "us-west-1"), Map.entry("uswestoregon", "us-west-2"),
            Map.entry("africacapetown", "af-south-1"), Map.entry("asiapacifichongkong", "ap-east-1"),
            Map.entry("asiapacifichyderabad", "ap-south-2"), Map.entry("asiapacificjakarta", "ap-southeast-3"),
            Map.entry("asiapacificmelbourne", "ap-southeast-4"), Map.entry("asiapacificmumbai", "ap-south-1"),
            Map.entry("asiapacificosaka", "ap-northeast-3"), Map.entry("asiapacificseoul", "ap-northeast-2"),
            Map.entry("asiapacificsingapore", "ap-southeast-1"), Map.entry("asiapacificsydney", "ap-southeast-2"),
            Map.entry("asiapacifictokyo", "ap-northeast-1"), Map.entry("canadacentral", "ca-central-1"),
            Map.entry("canadawestcalgary", "ca-west-1"), Map.entry("eufrankfurt", "eu-central-1"),
            Map.entry("euireland", "eu-west-1"), Map.entry("eulondon", "eu-west-2"), Map.entry("eumilan", "eu-south-1"),
            Map.entry("euparis", "eu-west-3"), Map.entry("euspain", "eu-south-2"), Map.entry("eustockholm", "eu-north-1"),
            Map.entry("euzurich", "eu-central-2"), Map.entry("israeltelaviv", "il-central-1"),
            Map.entry("middleeastbahrain", "me-south-1"), Map.entry("middleeastuae", "me-central-1"),
            Map.entry("southamericasaopaulo", "sa-east-1"), Map.entry("awsgovclouduswest", "us-gov-west-1"),
            Map.entry("awsgovclouduseast", "us-gov-east-1"));

    /** A region code from the message's {@code Region}: a code as is, a display name looked up, else us-east-1. */
    public static String regionCode(String region) {
        if (region == null || region.isBlank()) {
            return "us-east-1";
        }
        if (region.matches("[a-z]{2}(-gov)?-[a-z]+-[0-9]")) {
            return region;
        }
        String key = region.toLowerCase(Locale.ROOT).replace("europe", "eu").replaceAll("[^a-z0-9]", "");
        return REGIONS.getOrDefault(key, "us-east-1");
    }

    private Optional<AlarmDefinition> definition(String alarmName) {
        return alarmName.startsWith(prefix) ? catalog.byId(alarmName.substring(prefix.length())) : Optional.empty();
    }

    /**
     * A readable, stable id: the name as a slug, plus a short hash of the alarm's ARN (or exact name), since
     * "API 5xx" and "api-5xx", or one name in two regions, are different alarms.
     */
    public static String idOf(String alarmArn, String alarmName) {
        String slug = alarmName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String identity = alarmArn != null && !alarmArn.isBlank() ? alarmArn : alarmName;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "cloudwatch-" + (slug.isEmpty() ? "" : slug + "-") + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The alarm's page in the console, in the region its ARN names, else the region the message names. */
    private static String console(CloudWatchAlarmMessage m) {
        String[] arn = m.alarmArn() == null ? new String[0] : m.alarmArn().split(":", 6);
        String region = arn.length > 3 && !arn[3].isEmpty() ? arn[3] : regionCode(m.region());
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region + "#alarmsV2:alarm/"
                + URLEncoder.encode(m.alarmName(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
