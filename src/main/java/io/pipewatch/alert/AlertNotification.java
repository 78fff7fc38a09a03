package io.pipewatch.alert;

/** An alert that a human must hear about: it started firing, or it resolved. */
public record AlertNotification(Kind kind, Alert alert) {

    public enum Kind {
        FIRING, RESOLVED
    }
}
