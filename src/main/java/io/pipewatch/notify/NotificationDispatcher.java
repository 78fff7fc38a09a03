package io.pipewatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.alert.AlertNotification;
import io.pipewatch.config.PipewatchConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands each notification to the receiver through the durable outbox: recorded before it is sent,
 * removed when the receiver accepted it, retried while the receiver is down, so a slow or absent
 * Slack never delays polling, evaluation, or loses a message. Counts and status per receiver.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Clock clock;
    private final AtomicReference<DeliveryStatus> status;
    private final DeliveryWorker worker;

    public NotificationDispatcher(Notifier notifier, Outbox outbox, ObjectMapper json, PipewatchConfig config,
            MeterRegistry registry, Clock clock) {
        this.sent = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "sent");
        this.failed = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "failed");
        this.retried = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "retried");
        this.clock = clock;
        this.status = new AtomicReference<>(DeliveryStatus.initial(notifier.name()));
        SecureRandom random = new SecureRandom();
        this.worker = new DeliveryWorker(notifier, outbox, json, new RetryPolicy(random::nextDouble),
                config.delivery().minInterval(), new DeliveryWorker.Listener() {
                    @Override
                    public void delivered(Outbox.Entry entry) {
                        sent.increment();
                        status.updateAndGet(s -> s.delivered(clock.instant()));
                    }

                    @Override
                    public void retrying(Outbox.Entry entry, String reason, Duration wait) {
                        retried.increment();
                        status.updateAndGet(s -> s.retrying(clock.instant(), reason));
                    }

                    @Override
                    public void refused(Outbox.Entry entry, String reason) {
                        failed.increment();
                        status.updateAndGet(s -> s.failedWith(clock.instant(), reason));
                    }
                });
        registry.gauge("pipewatch.notifications.backlog", java.util.List.of(io.micrometer.core.instrument.Tag.of("receiver",
                notifier.name())), worker, DeliveryWorker::backlog);
    }

    /** Starts delivery, first of what a previous run left undelivered; called once the start-up checks passed. */
    public void start() {
        worker.start();
    }

    void onNotification(@Observes AlertNotification notification) {
        String key = notification.kind() + ":" + notification.alert().id() + ":" + notification.alert().firingSince();
        try {
            worker.enqueue(notification, key);
        } catch (JsonProcessingException e) {
            Log.errorf("Cannot encode the notification for '%s': %s", notification.alert().alarm(), e.getOriginalMessage());
        }
    }

    public DeliveryStatus status() {
        return status.get().withQueue(worker.backlog(), worker.unrecorded());
    }

    @PreDestroy
    void stop() {
        worker.stop();
    }
}
