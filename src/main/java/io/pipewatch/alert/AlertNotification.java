package io.pipewatch.alert;

/** A change of an alert that the notification pipeline must consider: it fired, resolved, or was acknowledged. */
public record AlertNotification(Kind kind, Alert alert) {

    public enum Kind {
        FIRING, RESOLVED, ACKNOWLEDGED
    }
}
