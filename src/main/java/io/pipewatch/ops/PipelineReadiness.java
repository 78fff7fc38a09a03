package io.pipewatch.ops;

import io.pipewatch.signal.SourceQueries;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the start-up checks passed and the loops started: the port serves pages, which show each source as
 * starting until its first poll. Readiness does not wait for that poll (a CloudWatch cycle, or the stream tailer's
 * first read of a store that is still starting): a replacement replica that took 10 s to become ready would leave
 * its load balancer with nothing to send viewers to for those 10 s. Each source's state is in the answer's data.
 */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    private final SourceQueries loop;
    private final StartupCheck startup;

    private final io.pipewatch.replica.Leadership leadership;

    /** Followers are ready too: they serve pages and take SNS messages while the leader polls and delivers. */
    public PipelineReadiness(SourceQueries loop, StartupCheck startup, io.pipewatch.replica.Leadership leadership) {
        this.leadership = leadership;
        this.loop = loop;
        this.startup = startup;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("signals").status(startup.started())
                .withData("replica", leadership.leading() ? "leader" : "follower");
        for (var status : loop.statuses()) {
            response.withData(status.source(), status.up() ? "up" : status.lastError() == null ? "starting" : "down");
        }
        return response.build();
    }
}
