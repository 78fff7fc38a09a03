package io.pipewatch.alert;

import java.time.Instant;

/** One change of an alert's state, with the evaluation's reason and the value it saw. */
public record Transition(AlertState from, AlertState to, Instant at, String reason, Double value) {
}
