package io.pipewatch.store;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A read from the store made once, at first need. After a failure it is tried again no sooner than
 * 30 s later, so a store that is down costs callers one failed call per half minute, not one each.
 */
public final class LoadOnce {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private volatile boolean done;
    private volatile long retryAt = Long.MIN_VALUE;

    /**
     * Runs the load unless it succeeded before or failed less than 30 s ago.
     *
     * @param failed told of a failed load, to say what goes on without it
     */
    public void ensure(Runnable load, Consumer<RuntimeException> failed) {
        if (done || System.nanoTime() < retryAt) {
            return;
        }
        synchronized (this) {
            if (done || System.nanoTime() < retryAt) {
                return;
            }
            try {
                load.run();
                done = true;
            } catch (RuntimeException storeDown) {
                retryAt = System.nanoTime() + RETRY_NANOS;
                failed.accept(storeDown);
            }
        }
    }
}
