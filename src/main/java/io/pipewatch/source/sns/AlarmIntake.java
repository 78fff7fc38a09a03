package io.pipewatch.source.sns;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.config.Wall;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * Acts on a verified alarm message once: knows the message ids already handled, hands the report on, remembers the id.
 * The SNS endpoint uses it on the leader, and {@link HeldMessageDrain} for what followers held.
 */
@ApplicationScoped
public class AlarmIntake {

    /** SNS gives up on an endpoint after minutes by default; a message id is remembered far longer. */
    static final Duration REMEMBERED = Duration.ofDays(2);

    private final CloudWatchAlarmReports reports;
    private final RecentlySeen seen;
    private final Clock clock;
    private final MeterRegistry registry;

    public AlarmIntake(CloudWatchAlarmReports reports, SeenMessages seen, @Wall Clock clock, MeterRegistry registry) {
        this.reports = reports;
        this.seen = new RecentlySeen(seen, clock);
        this.clock = clock;
        this.registry = registry;
    }

    /** What became of a message. */
    public enum Outcome {
        DUPLICATE, ACCEPTED, STALE
    }

    /**
     * Whether the message was handled before. With the store down it is taken as new: a repeat changes
     * nothing (the tracker ignores a report no newer than the last), while answering 500 would make SNS
     * retry three times and then drop the alarm.
     */
    boolean seen(String messageId) {
        try {
            return seen.seen(messageId);
        } catch (RuntimeException storeDown) {
            Log.warnf("Cannot check SNS message ids (%s); handling the message as new", storeDown.getMessage());
            return false;
        }
    }

    /** Whether the message was handled lately, from memory only: never waits for the store (the event loop asks). */
    boolean seenRecently(String messageId) {
        return seen.seenRecently(messageId);
    }

    /** Reports the alarm, whose message id {@link #seen} did not know, and remembers the id. */
    Outcome act(String messageId, CloudWatchAlarmMessage alarm) {
        boolean current = reports.report(alarm);
        try {
            seen.remember(messageId, clock.instant().plus(REMEMBERED));
        } catch (RuntimeException storeDown) {
            Log.warnf("Cannot record the SNS message id (%s)", storeDown.getMessage());
        }
        count(current ? "accepted" : "stale");
        return current ? Outcome.ACCEPTED : Outcome.STALE;
    }

    void count(String result) {
        registry.counter("pipewatch.sns.messages", "result", result).increment();
    }
}
