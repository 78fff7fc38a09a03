package io.pipewatch.alert;

import java.time.Instant;

/** Someone owns the incident: repeats stop until it resolves or fires again; the resolution is still sent. */
public record Acknowledgement(String by, String comment, Instant at) {
}
