package io.pipewatch.alarmcode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * What {@code apply} would do to the owned alarms: create those only in {@code alarms/}, update those
 * whose fields differ (each change shown from → to), delete those only in CloudWatch.
 */
record AlarmPlan(List<MetricAlarm> creates, List<Update> updates, List<String> deletes) {

    record Change(String field, String from, String to) {
    }

    record Update(MetricAlarm desired, List<Change> changes) {
    }

    static AlarmPlan between(List<MetricAlarm> desired, List<MetricAlarm> deployed) {
        Map<String, MetricAlarm> current = new TreeMap<>();
        deployed.forEach(a -> current.put(a.alarmName(), a));
        List<MetricAlarm> creates = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        for (MetricAlarm want : desired) {
            MetricAlarm have = current.remove(want.alarmName());
            if (have == null) {
                creates.add(want);
                continue;
            }
            Map<String, String> from = CloudWatchAlarmSpec.fields(have);
            List<Change> changes = new ArrayList<>();
            CloudWatchAlarmSpec.fields(want).forEach((field, to) -> {
                String was = from.getOrDefault(field, "");
                if (!was.equals(to)) {
                    changes.add(new Change(field, was, to));
                }
            });
            from.keySet().stream().filter(f -> !CloudWatchAlarmSpec.fields(want).containsKey(f))
                    .forEach(f -> changes.add(new Change(f, from.get(f), "(none)")));
            if (!changes.isEmpty()) {
                updates.add(new Update(want, changes));
            }
        }
        return new AlarmPlan(creates, updates, List.copyOf(current.keySet()));
    }

    boolean empty() {
        return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    void print(PrintWriter out) {
        for (MetricAlarm c : creates) {
            out.println("+ create " + c.alarmName());
            CloudWatchAlarmSpec.fields(c).forEach((f, v) -> out.println("    " + f + ": " + oneLine(v)));
        }
        for (Update u : updates) {
            out.println("~ update " + u.desired().alarmName());
            u.changes().forEach(c -> out.println("    " + c.field() + ": " + oneLine(c.from()) + " → " + oneLine(c.to())));
        }
        for (String d : deletes) {
            out.println("- delete " + d);
        }
        out.printf("Plan: %d to create, %d to update, %d to delete.%n", creates.size(), updates.size(), deletes.size());
    }

    private static String oneLine(String v) {
        return v.replace("\n", "⏎");
    }
}
