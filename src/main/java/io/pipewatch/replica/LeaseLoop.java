package io.pipewatch.replica;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The keeper's thread: a look at the lease every renew interval, on a daemon thread of its own; on stop, the lease let go. */
public final class LeaseLoop implements AutoCloseable {

    private final LeaseKeeper keeper;
    private final ScheduledExecutorService executor;

    private LeaseLoop(LeaseKeeper keeper, Duration every) {
        this.keeper = keeper;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipewatch-lease");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static LeaseLoop start(LeaseKeeper keeper, Duration every) {
        return new LeaseLoop(keeper, every);
    }

    private void tick() {
        try {
            keeper.tick();
        } catch (RuntimeException | Error e) {
            // The next look tries again; a leader's duties that failed to start are the duties' own to report.
            Log.errorf(e, "Lease look failed");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keeper.release();
    }
}
