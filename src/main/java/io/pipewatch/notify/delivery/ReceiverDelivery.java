package io.pipewatch.notify.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.pipewatch.notify.Notifier;
import io.pipewatch.notify.Redactor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** One receiver's delivery worker, with its counters ({@code /q/metrics}) and status ({@code /api/status}). */
final class ReceiverDelivery {

    private final DeliveryWorker worker;
    private final AtomicReference<DeliveryStatus> status;

    /** @param redactor every receiver's secrets, kept out of the failure texts this one records */
    ReceiverDelivery(Notifier notifier, Outbox outbox, ObjectMapper json, Duration minInterval, MeterRegistry registry,
            Clock clock, Redactor redactor, NotificationHistory history) {
        Counter sent = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "sent");
        Counter failed = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "failed");
        Counter retried = registry.counter("pipewatch.notifications", "receiver", notifier.name(), "result", "retried");
        this.status = new AtomicReference<>(DeliveryStatus.initial(notifier.name(), notifier.mode()));
        SecureRandom random = new SecureRandom();
        this.worker = new DeliveryWorker(notifier, outbox, json, new RetryPolicy(random::nextDouble), minInterval,
                new DeliveryWorker.Listener() {
                    @Override
                    public void delivered(Outbox.Entry entry) {
                        sent.increment();
                        status.updateAndGet(s -> s.delivered(clock.instant()));
                        history.record(entry, "delivered", null, clock.instant());
                    }

                    @Override
                    public void retrying(Outbox.Entry entry, String reason, Duration wait) {
                        retried.increment();
                        status.updateAndGet(s -> s.retrying(clock.instant(), reason));
                        history.record(entry, "retrying", reason, clock.instant());
                    }

                    @Override
                    public void refused(Outbox.Entry entry, String reason) {
                        failed.increment();
                        status.updateAndGet(s -> s.failedWith(clock.instant(), reason));
                        history.record(entry, "refused", reason, clock.instant());
                    }
                }, redactor, io.pipewatch.config.Ticker.SYSTEM, clock);
        registry.gauge("pipewatch.notifications.backlog", List.of(Tag.of("receiver", notifier.name())), worker,
                DeliveryWorker::backlog);
    }

    DeliveryWorker worker() {
        return worker;
    }

    DeliveryStatus status() {
        var queue = worker.queueSize();
        return status.get().withQueue(queue.backlog(), queue.unrecorded());
    }
}
