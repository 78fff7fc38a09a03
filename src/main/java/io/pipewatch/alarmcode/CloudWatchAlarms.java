package io.pipewatch.alarmcode;

import io.pipewatch.config.Pacer;
import io.pipewatch.config.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The owned alarms in CloudWatch: read with DescribeAlarms by name prefix (100 a page, the API's
 * most), written with PutMetricAlarm and DeleteAlarms paced under the 3 TPS those calls allow. The
 * SDK's standard retries back off with jitter when CloudWatch throttles anyway.
 */
final class CloudWatchAlarms {

    static final int PAGE = 100;
    static final int DELETE_BATCH = 100;

    private final CloudWatchClient cloudWatch;
    private final Pacer pacer;
    private int calls;

    CloudWatchAlarms(CloudWatchClient cloudWatch, double writesPerSecond) {
        this.cloudWatch = cloudWatch;
        this.pacer = new Pacer(Duration.ofNanos((long) (1e9 / writesPerSecond)), Ticker.SYSTEM);
    }

    /** Metric alarms and composite alarms alike: an owned composite left behind would keep paging. */
    List<DeployedAlarm> owned(String prefix) {
        List<DeployedAlarm> out = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            calls++;
            DescribeAlarmsResponse response = cloudWatch.describeAlarms(r -> r.alarmNamePrefix(prefix).maxRecords(PAGE)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).nextToken(page));
            response.metricAlarms().forEach(a -> out.add(new DeployedAlarm.Metric(a)));
            response.compositeAlarms().forEach(a -> out.add(new DeployedAlarm.Composite(a)));
            token = response.nextToken();
        } while (token != null);
        return out;
    }

    void put(DeployedAlarm alarm) {
        pace();
        if (alarm instanceof DeployedAlarm.Composite c) {
            cloudWatch.putCompositeAlarm(CloudWatchAlarmSpec.request(c.alarm()));
        } else {
            cloudWatch.putMetricAlarm(CloudWatchAlarmSpec.request(((DeployedAlarm.Metric) alarm).alarm()));
        }
    }

    void delete(List<String> names) {
        for (int i = 0; i < names.size(); i += DELETE_BATCH) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + DELETE_BATCH));
            pace();
            cloudWatch.deleteAlarms(r -> r.alarmNames(batch));
        }
    }

    /** Calls made so far, to report against the minimum. */
    int calls() {
        return calls;
    }

    private void pace() {
        calls++;
        pacer.awaitTurn();
        pacer.called();
    }
}
