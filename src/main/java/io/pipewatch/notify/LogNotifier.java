package io.pipewatch.notify;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertNotification;
import io.quarkus.logging.Log;

/** Writes notifications to the log: the receiver when no Slack webhook is configured. */
public class LogNotifier implements Notifier {

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void deliver(AlertNotification n) {
        Alert a = n.alert();
        Log.infof("ALERT %s [%s] %s on %s: value %s, %s; runbook %s; dashboard %s", n.kind(), a.severity().label(),
                a.alarm(), a.resource(), a.value(), a.condition(), a.runbook(), a.dashboard());
    }
}
