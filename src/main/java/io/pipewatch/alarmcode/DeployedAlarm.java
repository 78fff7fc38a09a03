package io.pipewatch.alarmcode;

import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * An owned alarm as CloudWatch holds it, of either kind: a metric alarm (PutMetricAlarm) or a composite alarm
 * (PutCompositeAlarm). Plan compares them by their fields, so a reviewer reads one diff for both.
 */
sealed interface DeployedAlarm {

    String name();

    /** The fields a reviewer compares, in reading order, spelled for humans. */
    Map<String, String> fields();

    /** Composites name other alarms: they are written after, and deleted before, the alarms they name. */
    default boolean composite() {
        return this instanceof Composite;
    }

    record Metric(MetricAlarm alarm) implements DeployedAlarm {
        public String name() {
            return alarm.alarmName();
        }

        public Map<String, String> fields() {
            return CloudWatchAlarmSpec.fields(alarm);
        }
    }

    record Composite(CompositeAlarm alarm) implements DeployedAlarm {
        public String name() {
            return alarm.alarmName();
        }

        public Map<String, String> fields() {
            return CloudWatchAlarmSpec.fields(alarm);
        }
    }
}
