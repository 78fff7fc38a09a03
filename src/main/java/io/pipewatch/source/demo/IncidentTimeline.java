package io.pipewatch.source.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo's scripted incidents, repeating every {@link #CYCLE} from the origin (the minute the
 * demo started). Before the origin (the simulated history) the pipeline is calm.
 *
 * <pre>
 *  0:10–2:10  consumer stalls on a poison record (Lambda times out, iterator age climbs 1 s/s)
 *  4:00–5:30  throttle storm: devices reconnect at 6× traffic (Kinesis, Lambda, DynamoDB throttle)
 *  6:40–8:10  late-log burst: devices that were offline flush 5–20 min old logs
 * 10:00       the cycle repeats
 * </pre>
 */
public final class IncidentTimeline {

    public static final Duration CYCLE = Duration.ofMinutes(10);
    static final Window STALL = new Window(10, 130);
    static final Window STORM = new Window(240, 330);
    static final Window LATE_BURST = new Window(400, 490);

    private final Instant origin;

    public IncidentTimeline(Instant origin) {
        this.origin = origin;
    }

    /** The minute containing {@code start}: phases line up with CloudWatch's minute periods. */
    public static IncidentTimeline startingAt(Instant start) {
        return new IncidentTimeline(Instant.ofEpochSecond(start.getEpochSecond() / 60 * 60));
    }

    public Instant origin() {
        return origin;
    }

    public boolean stalled(Instant t) {
        return STALL.contains(phase(t));
    }

    public boolean storm(Instant t) {
        return STORM.contains(phase(t));
    }

    public boolean lateBurst(Instant t) {
        return LATE_BURST.contains(phase(t));
    }

    /** Seconds into the current cycle, or -1 before the origin. */
    long phase(Instant t) {
        long seconds = Duration.between(origin, t).toSeconds();
        return seconds < 0 ? -1 : seconds % CYCLE.toSeconds();
    }

    record Window(long fromSecond, long toSecond) {
        boolean contains(long phase) {
            return phase >= fromSecond && phase < toSecond;
        }
    }
}
