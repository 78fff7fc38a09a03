package io.pipewatch.config;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The order a stop goes in, as priorities of {@code ShutdownEvent} observers (lower first), all before any bean is
 * destroyed. {@code @PreDestroy} has no order between beans: with each part stopping there, the stream tailer read
 * from a DynamoDB Local already shut down and a poll cycle ran into a closed container, and a clean stop logged
 * warnings and stack traces. Work is stopped where it starts, downstream parts finish what they hold, and the store
 * closes last:
 * <ol>
 * <li>{@link #INPUTS}: the poll loop, the stream tailer, the demo's writer, the held SNS messages' drain and dashboard
 * discovery make no new work; a cycle under way finishes.</li>
 * <li>{@link #DELIVERY}: the group ticker hands over nothing more; each delivery worker finishes the send under way
 * and records its outcome, so a restart neither loses it nor sends it twice.</li>
 * <li>{@link #LEADERSHIP}: the lease is let go, once this replica sends nothing more, so a follower takes over at
 * once.</li>
 * <li>{@link #STORE}: the journal closes, with everything committed on disk.</li>
 * </ol>
 */
public final class ShutdownOrder {

    public static final int INPUTS = Interceptor.Priority.APPLICATION;
    public static final int DELIVERY = Interceptor.Priority.APPLICATION + 100;
    public static final int LEADERSHIP = Interceptor.Priority.APPLICATION + 200;
    public static final int STORE = Interceptor.Priority.PLATFORM_AFTER;

    /** How long a part may take to finish what it is doing before it is interrupted. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    private ShutdownOrder() {
    }

    /**
     * Runs no new task, lets the one under way finish within {@link #GRACE}, then interrupts it; nothing for an executor
     * never started (null). (Pipewatch's executors run periodic tasks only, which {@code shutdown} cancels.)
     */
    public static void finish(ExecutorService executor) {
        if (executor == null) {
            return; // never started
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@link #GRACE} for a thread told to stop, then interrupts it. */
    public static void finish(Thread thread) {
        try {
            thread.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
