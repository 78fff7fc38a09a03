package io.pipewatch.rule;

import io.pipewatch.signal.SeriesKey;

/** One metric an alarm reads, under the id its expression uses (CloudWatch's MetricDataQuery Id). */
public record AlarmInput(String id, SeriesKey series) {
}
