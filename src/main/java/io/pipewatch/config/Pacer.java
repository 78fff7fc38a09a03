package io.pipewatch.config;

import java.time.Duration;

/**
 * Decides when the next call to a rate-limited API may start: at least {@code interval} after the
 * previous {@link #called()}. The one rate limit type for Slack receivers (marked when the answer
 * arrives, so a slow answer then a fast one never reach Slack closer than the interval), CloudWatch's
 * GetMetricData budget and the alarm deployer's PutMetricAlarm budget (marked as each call starts).
 */
public final class Pacer {

    private final long intervalNanos;
    private final Ticker ticker;
    private long lastCallEnded;
    private boolean called;

    public Pacer(Duration interval, Ticker ticker) {
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
    }

    /** At most {@code callsPerSecond} calls a second (at least one). */
    public static Pacer perSecond(int callsPerSecond, Ticker ticker) {
        return new Pacer(Duration.ofNanos(1_000_000_000L / Math.max(1, callsPerSecond)), ticker);
    }

    /** How long until the next call may start; zero when it may start now (and before the first call). */
    public synchronized long nanosUntilTurn() {
        return called ? Math.max(0, lastCallEnded + intervalNanos - ticker.nanoTime()) : 0;
    }

    /** Waits for the turn; an interrupt ends the wait early and is kept for the caller to see. */
    public void awaitTurn() {
        long wait = nanosUntilTurn();
        if (wait > 0) {
            try {
                ticker.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Marks a call: the next turn is measured from now. */
    public synchronized void called() {
        lastCallEnded = ticker.nanoTime();
        called = true;
    }
}
