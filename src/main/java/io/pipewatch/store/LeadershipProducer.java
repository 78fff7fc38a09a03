package io.pipewatch.store;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ShutdownOrder;
import io.pipewatch.config.Ticker;
import io.pipewatch.config.Wall;
import io.pipewatch.replica.Leadership;
import io.pipewatch.replica.LeaseKeeper;
import io.pipewatch.replica.LeaseLoop;
import io.pipewatch.replica.ReplicaConfig;
import io.pipewatch.replica.SoleReplica;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Who leads: with the embedded store, this process alone ({@link SoleReplica}: no other replica can reach its store);
 * with a shared one (aws mode, or {@code AWS_ENDPOINT_URL_DYNAMODB} in demo mode), the replica that holds the lease on
 * the state table ({@link LeaseKeeper}, looking every renew interval).
 */
@ApplicationScoped
public class LeadershipProducer {

    private LeaseLoop loop;

    @Produces
    @Singleton
    Leadership leadership(PipewatchConfig config, ReplicaConfig replica, DynamoDbClients clients, StateTable state,
            @Wall Clock wall, MeterRegistry registry) {
        String id = replica.id().filter(s -> !s.isBlank()).orElseGet(LeadershipProducer::generatedId);
        Leadership leadership;
        if (config.mode() == PipewatchConfig.Mode.DEMO && clients.sharedDemoStore().isEmpty()) {
            leadership = new SoleReplica(id);
        } else {
            String url = replica.url().filter(s -> !s.isBlank()).orElseGet(LeadershipProducer::defaultUrl);
            var keeper = new LeaseKeeper(id, url, replica.leaseDuration(), new StateTableLeaseStore(state), Ticker.SYSTEM, wall);
            FunctionCounter.builder("pipewatch.replica.takeovers", keeper, LeaseKeeper::takeovers)
                    .description("Times this replica took the lease over").register(registry);
            FunctionCounter.builder("pipewatch.replica.lease.renewals.failed", keeper, LeaseKeeper::failedRenewals)
                    .description("Renewals of the lease the store did not answer").register(registry);
            Log.infof("Replica %s: shares its store; leads while it holds the lease (%d s, renewed every %d s)", id,
                    replica.leaseDuration().toSeconds(), replica.renewInterval().toSeconds());
            loop = LeaseLoop.start(keeper, replica.renewInterval());
            leadership = keeper;
        }
        Gauge.builder("pipewatch.replica.leader", leadership, l -> l.leading() ? 1 : 0)
                .description("1 while this replica leads (polls, evaluates, delivers)").register(registry);
        Gauge.builder("pipewatch.replica.lease.expires", leadership,
                l -> l.status().leaseExpiresAt() == null ? Double.NaN : l.status().leaseExpiresAt().toEpochMilli() / 1000.0)
                .description("When the lease lapses by its holder's clock, epoch seconds").baseUnit("seconds").register(registry);
        return leadership;
    }

    /**
     * Lets the lease go on a clean stop, so that a follower leads at its next look: once this replica polls and sends
     * nothing more, while the store's clients are still open ({@link ShutdownOrder}; a {@code @PreDestroy} here was
     * never called, and a clean stop left followers waiting a whole lease duration). Anything it still sent after would
     * be fenced off by the store.
     */
    synchronized void stop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.LEADERSHIP) ShutdownEvent shutdown) {
        if (loop != null) {
            loop.close();
        }
    }

    private static String generatedId() {
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return hostName() + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String defaultUrl() {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        return "http://" + hostName() + ":" + port;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }
}
