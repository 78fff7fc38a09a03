package io.pipewatch.alert;

/**
 * A change of an alert that the notification pipeline must consider: it fired, resolved, stopped reporting while
 * firing ({@code NO_DATA}: CloudWatch's INSUFFICIENT_DATA), or was acknowledged.
 */
public record AlertNotification(Kind kind, Alert alert) {

    public enum Kind {
        FIRING, RESOLVED, NO_DATA, ACKNOWLEDGED
    }
}
