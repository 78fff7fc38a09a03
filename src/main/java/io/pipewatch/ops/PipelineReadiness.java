package io.pipewatch.ops;

import io.pipewatch.signal.SourceQueries;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every source has been polled once (a source that is down shows as down in the data), so a load balancer never sends viewers to empty charts. */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    private final SourceQueries loop;

    public PipelineReadiness(SourceQueries loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("signals").status(loop.allPolled());
        for (var status : loop.statuses()) {
            response.withData(status.source(), status.up() ? "up" : status.lastError() == null ? "starting" : "down");
        }
        return response.build();
    }
}
