package io.pipewatch.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than the wall clock from the moment it is made, so
 * the demo's incident timeline can be watched in seconds by tests. At speed 1 it is the system clock.
 */
public final class ScaledClock extends Clock {

    private final Clock wall;
    private final double speed;
    private final Instant origin;

    public ScaledClock(Clock wall, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive");
        }
        this.wall = wall;
        this.speed = speed;
        this.origin = wall.instant();
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        Instant now = wall.instant();
        if (speed == 1) {
            return now;
        }
        long elapsedMicros = java.time.Duration.between(origin, now).toNanos() / 1000;
        return origin.plusNanos((long) (elapsedMicros * speed) * 1000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Pipewatch keeps time in UTC");
    }
}
