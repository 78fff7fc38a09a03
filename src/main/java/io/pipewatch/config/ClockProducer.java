package io.pipewatch.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock everything reads, so tests can speed the demo up and nothing reads time directly. */
public class ClockProducer {

    @Produces
    @Singleton
    ScaledClock clock(PipewatchConfig config) {
        double speed = config.mode() == PipewatchConfig.Mode.DEMO ? config.demo().speed() : 1;
        return new ScaledClock(Clock.systemUTC(), speed);
    }

    @Produces
    @Singleton
    @Wall
    Clock wall() {
        return Clock.systemUTC();
    }
}
