package io.pipewatch.source.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.ShutdownOrder;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * On the leader: acts on the alarm messages followers held, every second, oldest state change first (SNS does not
 * keep order, and a later report would make an earlier one stale), then releases them. A leader that dies between
 * acting and releasing leaves the message for the next one, whose intake finds its id remembered.
 */
@ApplicationScoped
public class HeldMessageDrain {

    static final Duration EVERY = Duration.ofSeconds(1);

    private final HeldMessages held;
    private final AlarmIntake intake;
    private final ObjectMapper json;
    /** Written under the lock by start(); volatile so that the stop reads it without waiting on that lock. */
    private volatile ScheduledExecutorService executor;

    public HeldMessageDrain(HeldMessages held, AlarmIntake intake, ObjectMapper json) {
        this.held = held;
        this.intake = intake;
        this.json = json;
    }

    /** Starts draining on a thread of its own; called when this replica leads. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipewatch-sns-held");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::drainQuietly, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            Log.warnf("Cannot read the SNS messages followers held (%s); trying again", e.getMessage());
        }
    }

    /** One pass; returns how many messages it acted on or found handled. Tests call it directly. */
    int drain() {
        record Parsed(HeldMessages.Held held, CloudWatchAlarmMessage alarm) {
        }
        List<Parsed> due = new ArrayList<>();
        for (HeldMessages.Held message : held.held()) {
            try {
                due.add(new Parsed(message, CloudWatchAlarmMessage.parse(message.alarmJson(), json)));
            } catch (IllegalArgumentException e) {
                // The follower parsed it before holding it; a later version that cannot is no reason to stall the rest.
                Log.warnf("Held SNS message %s is not a CloudWatch alarm (%s); dropped", message.messageId(), e.getMessage());
                held.release(message.messageId());
            }
        }
        due.sort(Comparator.comparing((Parsed p) -> p.alarm().stateChangeTime(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(p -> p.held().messageId()));
        for (Parsed p : due) {
            if (intake.seen(p.held().messageId())) {
                intake.count("duplicate");
            } else {
                intake.act(p.held().messageId(), p.alarm());
            }
            held.release(p.held().messageId());
        }
        return due.size();
    }

    /** Stops with the inputs; a drain under way finishes (see {@link ShutdownOrder}). */
    void stopDraining(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.INPUTS) ShutdownEvent shutdown) {
        ShutdownOrder.finish(executor);
    }

    @PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
