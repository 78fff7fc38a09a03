package io.pipewatch.source.sns;

/**
 * Where a verified CloudWatch alarm state change goes once the SNS endpoint has accepted it. The SNS
 * receiver declares this port so that it only verifies, de-duplicates and answers SNS; what an alarm
 * report means for alerts is decided downstream ({@code alert}), which implements it, so the source
 * never depends on the alert package.
 */
public interface CloudWatchAlarmReports {

    /**
     * Takes in one alarm state change, parsed from a message whose signature was checked.
     *
     * @return false when the report is older than what is already known for its alarm, so it changed nothing
     */
    boolean report(CloudWatchAlarmMessage alarm);
}
