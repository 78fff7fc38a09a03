package io.pipewatch.config;

import java.util.concurrent.TimeUnit;

/**
 * Elapsed time and waiting, for code that spaces calls out: injected so that tests move it by hand
 * instead of sleeping. {@link #SYSTEM} is the monotonic clock and a real sleep.
 */
public interface Ticker {

    long nanoTime();

    void sleep(long nanos) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };
}
