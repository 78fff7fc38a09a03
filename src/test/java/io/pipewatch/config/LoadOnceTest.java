package io.pipewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.config.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Once at first need; after a failure, again no sooner than 30 s later — on a ticker moved by hand. */
class LoadOnceTest {

    private long now = -5_000_000_000L;
    private final Ticker ticker = new Ticker() {
        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            throw new AssertionError("LoadOnce never sleeps");
        }
    };

    @Test
    void aLoadThatWorksRunsOnce() {
        var once = new LoadOnce(ticker);
        var loads = new AtomicInteger();
        once.ensure(loads::incrementAndGet, e -> { });
        once.ensure(loads::incrementAndGet, e -> { });
        assertEquals(1, loads.get());
    }

    @Test
    void aFailedLoadIsTriedAgainOnlyAfterThirtySeconds() {
        var once = new LoadOnce(ticker);
        var attempts = new AtomicInteger();
        List<String> told = new ArrayList<>();
        Runnable storeDown = () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("store down");
        };
        once.ensure(storeDown, e -> told.add(e.getMessage()));
        once.ensure(storeDown, e -> told.add(e.getMessage()));
        now += TimeUnit.SECONDS.toNanos(29);
        once.ensure(storeDown, e -> told.add(e.getMessage()));
        assertEquals(1, attempts.get(), "callers within the 30 s pay nothing");
        now += TimeUnit.SECONDS.toNanos(1);
        once.ensure(attempts::incrementAndGet, e -> told.add(e.getMessage()));
        assertEquals(2, attempts.get());
        assertEquals(List.of("store down"), told);
        once.ensure(attempts::incrementAndGet, e -> { });
        assertEquals(2, attempts.get(), "loaded: never again");
    }
}
