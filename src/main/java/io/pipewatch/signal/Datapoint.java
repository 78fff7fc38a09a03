package io.pipewatch.signal;

import java.time.Instant;

/** One value of a series at the start of its period. */
public record Datapoint(Instant timestamp, double value) {
}
