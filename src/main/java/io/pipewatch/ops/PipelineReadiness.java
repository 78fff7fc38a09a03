package io.pipewatch.ops;

import io.pipewatch.signal.PollLoop;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the first poll cycle has filled the store, so a load balancer never sends viewers to empty charts. */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    private final PollLoop loop;

    public PipelineReadiness(PollLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        var status = loop.status();
        return HealthCheckResponse.named("signals")
                .status(status.lastSuccess() != null)
                .withData("source", status.source())
                .withData("up", status.up())
                .withData("errors", status.errorCount())
                .build();
    }
}
