package io.pipewatch.source.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The devices' daily rhythm, compressed: one simulated day passes every {@code dayLength}, with a
 * trough at night of 40 % and an evening peak of 160 % of the mean.
 */
final class TrafficShape {

    private final Duration dayLength;

    TrafficShape(Duration dayLength) {
        this.dayLength = dayLength;
    }

    double factor(Instant t) {
        double dayFraction = (double) Math.floorMod(t.toEpochMilli(), dayLength.toMillis()) / dayLength.toMillis();
        return 1 + 0.6 * Math.sin(2 * Math.PI * (dayFraction - 0.5));
    }
}
