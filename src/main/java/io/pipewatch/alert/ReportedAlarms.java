package io.pipewatch.alert;

import io.pipewatch.source.sns.CloudWatchAlarmMessage;
import io.pipewatch.source.sns.CloudWatchAlarmReports;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies the alarm state changes the SNS receiver accepted to their alerts: the alert as
 * {@link CloudWatchAlarms} makes it, CloudWatch's state as the verdict, and the tracker deciding
 * whether the report is newer than what it knows. It implements the receiver's port, so the arrow
 * points from alert to the source, along the flow.
 */
@ApplicationScoped
public class ReportedAlarms implements CloudWatchAlarmReports {

    private final CloudWatchAlarms alarms;
    private final AlertTracker tracker;

    public ReportedAlarms(CloudWatchAlarms alarms, AlertTracker tracker) {
        this.alarms = alarms;
        this.tracker = tracker;
    }

    @Override
    public boolean report(CloudWatchAlarmMessage alarm) {
        return tracker.report(alarms.template(alarm), CloudWatchAlarms.verdict(alarm), alarm.stateChangeTime(),
                alarm.reason(), CloudWatchAlarms.value(alarm));
    }
}
