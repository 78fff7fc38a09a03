package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** How a deployed alarm, as a service returns it, is shown in a plan and written back (found with an AWS emulator). */
class CloudWatchAlarmSpecTest {

    @Test
    void aPercentileIsTheStatisticEvenWhenTheServiceAlsoReturnsABasicOne() {
        MetricAlarm both = MetricAlarm.builder().alarmName("a").namespace("AWS/Lambda").metricName("Duration")
                .statistic(Statistic.AVERAGE).extendedStatistic("p99").period(60).threshold(12000.0)
                .comparisonOperator("GreaterThanThreshold").evaluationPeriods(1).datapointsToAlarm(1).build();
        assertEquals("p99", CloudWatchAlarmSpec.fields(both).get("statistic"));
        var request = CloudWatchAlarmSpec.request(both);
        assertEquals("p99", request.extendedStatistic());
        assertNull(request.statistic(), "PutMetricAlarm takes one or the other");
    }

    @Test
    void anAlarmThatNamesNoMetricIsShownAsSuchNotAsNullNull() {
        MetricAlarm none = MetricAlarm.builder().alarmName("b").threshold(1.0).comparisonOperator("GreaterThanThreshold")
                .evaluationPeriods(1).datapointsToAlarm(1).build();
        assertEquals("(none named)", CloudWatchAlarmSpec.fields(none).get("metric"));
        assertEquals("(none)", CloudWatchAlarmSpec.fields(none).get("statistic"));
    }
}
