package io.pipewatch.alarmcode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code apply} would do to the owned alarms: create those only in {@code alarms/}, update those
 * whose fields differ (each change shown from → to), delete those only in CloudWatch.
 */
record AlarmPlan(List<DeployedAlarm> creates, List<Update> updates, List<DeployedAlarm> deletes) {

    record Change(String field, String from, String to) {
    }

    record Update(DeployedAlarm desired, List<Change> changes) {
    }

    /**
     * @param desired in the order to write them: every composite after the alarms it names
     * @return deletes with the owned composites first, since CloudWatch refuses to delete an alarm a composite names
     */
    static AlarmPlan between(List<DeployedAlarm> desired, List<DeployedAlarm> deployed) {
        Map<String, DeployedAlarm> current = new TreeMap<>();
        deployed.forEach(a -> current.put(a.name(), a));
        List<DeployedAlarm> creates = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        for (DeployedAlarm want : desired) {
            DeployedAlarm have = current.remove(want.name());
            if (have == null) {
                creates.add(want);
                continue;
            }
            Map<String, String> from = have.fields();
            List<Change> changes = new ArrayList<>();
            if (have.composite() != want.composite()) {
                // A metric alarm cannot become a composite under the same name: CloudWatch keeps the kind.
                changes.add(new Change("kind", kind(have), kind(want)));
            }
            want.fields().forEach((field, to) -> {
                String was = from.getOrDefault(field, "");
                if (!was.equals(to)) {
                    changes.add(new Change(field, was, to));
                }
            });
            from.keySet().stream().filter(f -> !want.fields().containsKey(f))
                    .forEach(f -> changes.add(new Change(f, from.get(f), "(none)")));
            if (!changes.isEmpty()) {
                updates.add(new Update(want, changes));
            }
        }
        List<DeployedAlarm> deletes = new ArrayList<>();
        current.values().stream().filter(DeployedAlarm::composite).forEach(deletes::add);
        current.values().stream().filter(a -> !a.composite()).forEach(deletes::add);
        return new AlarmPlan(creates, updates, List.copyOf(deletes));
    }

    private static String kind(DeployedAlarm a) {
        return a.composite() ? "composite alarm" : "metric alarm";
    }

    boolean empty() {
        return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    void print(PrintWriter out) {
        for (DeployedAlarm c : creates) {
            out.println("+ create " + c.name());
            c.fields().forEach((f, v) -> out.println("    " + f + ": " + oneLine(v)));
        }
        for (Update u : updates) {
            out.println("~ update " + u.desired().name());
            u.changes().forEach(c -> out.println("    " + c.field() + ": " + oneLine(c.from()) + " → " + oneLine(c.to())));
        }
        for (DeployedAlarm d : deletes) {
            out.println("- delete " + d.name());
        }
        out.printf("Plan: %d to create, %d to update, %d to delete.%n", creates.size(), updates.size(), deletes.size());
    }

    private static String oneLine(String v) {
        return v.replace("\n", "⏎");
    }
}
