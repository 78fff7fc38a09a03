package io.pipewatch.testing;

import io.pipewatch.config.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Elapsed time that stands still until a test moves it, or someone sleeps (recorded, and moving time on). */
public final class ManualTicker implements Ticker {

    private long now = 1_000;
    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(long nanos) {
        sleeps.add(nanos);
        now += nanos;
    }

    public synchronized void advance(Duration by) {
        now += by.toNanos();
    }

    public synchronized void advanceNanos(long nanos) {
        now += nanos;
    }

    /** Every sleep so far, in nanoseconds. */
    public synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
