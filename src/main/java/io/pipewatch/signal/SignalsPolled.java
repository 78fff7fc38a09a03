package io.pipewatch.signal;

import java.time.Instant;

/** Fired after each poll cycle has written the store: readers may now look at data up to {@code at}. */
public record SignalsPolled(Instant at) {
}
