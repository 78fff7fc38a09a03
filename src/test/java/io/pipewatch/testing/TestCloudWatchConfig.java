package io.pipewatch.testing;

import io.pipewatch.config.PipewatchConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** CloudWatch polling settings for tests and benchmarks: 60 s period, 2 min delay, 5 min re-read. */
public record TestCloudWatchConfig(Duration period, Duration delay, Duration reread, int maxCallsPerSecond)
        implements PipewatchConfig.CloudWatch {

    public static TestCloudWatchConfig withCallBudget(int maxCallsPerSecond) {
        return new TestCloudWatchConfig(Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(5), maxCallsPerSecond);
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.empty();
    }
}
