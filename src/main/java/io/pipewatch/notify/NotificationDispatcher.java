package io.pipewatch.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.alert.AlertNotification;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands each notification to the receiver on one thread of its own, in order, so a slow Slack
 * never delays polling or evaluation. Failures are logged (redacted by the notifier) and counted.
 * Retrying, grouping and the durable outbox are the delivery pipeline's next stages.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private final Notifier notifier;
    private final Counter sent;
    private final Counter failed;
    private final Clock clock;
    private final AtomicReference<DeliveryStatus> status;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pipewatch-notify");
        t.setDaemon(true);
        return t;
    });

    public NotificationDispatcher(Notifier notifier, MeterRegistry registry, Clock clock) {
        this.notifier = notifier;
        this.sent = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "sent");
        this.failed = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "failed");
        this.clock = clock;
        this.status = new AtomicReference<>(DeliveryStatus.initial(notifier.name()));
    }

    void onNotification(@Observes AlertNotification notification) {
        executor.execute(() -> deliver(notification));
    }

    void deliver(AlertNotification notification) {
        try {
            notifier.deliver(notification);
            sent.increment();
            status.updateAndGet(s -> s.delivered(clock.instant()));
        } catch (DeliveryException e) {
            failed.increment();
            status.updateAndGet(s -> s.failedWith(clock.instant(), e.getMessage()));
            Log.warnf("Notification %s for '%s' not delivered: %s", notification.kind(),
                    notification.alert().alarm(), e.getMessage());
        }
    }

    public DeliveryStatus status() {
        return status.get();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
