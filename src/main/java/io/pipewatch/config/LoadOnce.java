package io.pipewatch.config;

import io.pipewatch.config.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A read from the store made once, at first need. After a failure it is tried again no sooner than
 * 30 s later, so a store that is down costs callers one failed call per half minute, not one each.
 */
public final class LoadOnce {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Ticker ticker;
    private volatile boolean done;
    private volatile boolean failedOnce;
    private volatile long retryAt;

    public LoadOnce() {
        this(Ticker.SYSTEM);
    }

    /** @param ticker elapsed time, so a test moves past the retry wait instead of sleeping through it */
    public LoadOnce(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Runs the load unless it succeeded before or failed less than 30 s ago.
     *
     * @param failed told of a failed load, to say what goes on without it
     */
    public void ensure(Runnable load, Consumer<RuntimeException> failed) {
        if (done || waiting()) {
            return;
        }
        synchronized (this) {
            if (done || waiting()) {
                return;
            }
            try {
                load.run();
                done = true;
            } catch (RuntimeException storeDown) {
                retryAt = ticker.nanoTime() + RETRY_NANOS;
                failedOnce = true;
                failed.accept(storeDown);
            }
        }
    }

    /** Compared as a difference: nanoTime may be negative, and only differences of it mean anything. */
    private boolean waiting() {
        return failedOnce && ticker.nanoTime() - retryAt < 0;
    }
}
