package io.pipewatch.notify;

import io.pipewatch.alert.Alert;
import io.quarkus.logging.Log;

/** Writes notifications to the log: the receiver when no Slack webhook is configured. */
public class LogNotifier implements Notifier {

    private final String name;

    public LogNotifier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(GroupNotification n) {
        Log.infof("ALERT %s%s", n.title(), n.repeat() ? " (reminder)" : "");
        n.firing().forEach(a -> line("FIRING", a));
        n.resolved().forEach(a -> line("RESOLVED", a));
        if (n.moreFiring() + n.moreResolved() > 0) {
            Log.infof("  …and %d more firing, %d more resolved", n.moreFiring(), n.moreResolved());
        }
    }

    private static void line(String kind, Alert a) {
        Log.infof("  %s [%s] %s on %s: value %s, %s; runbook %s; dashboard %s%s", kind, a.severityLabel(), a.alarm(),
                a.resource(), a.valueText(), a.condition(), a.runbook(), a.dashboard(),
                a.ack() == null ? "" : "; acknowledged by " + a.ack().by());
    }
}
