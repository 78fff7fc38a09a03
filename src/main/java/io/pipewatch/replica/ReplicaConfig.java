package io.pipewatch.replica;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code pipewatch.replica.*}: how replicas sharing a store elect their leader. */
@ConfigMapping(prefix = "pipewatch.replica")
public interface ReplicaConfig {

    /**
     * {@code PIPEWATCH_REPLICA_ID}: this replica's name in the lease (a pod's or task's name). It must be unique among
     * running replicas; a replica restarted under the same id takes its own lease back at once. Default: the host
     * name and a random suffix, new at each start.
     */
    Optional<String> id();

    /**
     * {@code PIPEWATCH_REPLICA_URL}: where other replicas reach this one (followers forward pages there). Default:
     * http://, the host name, and the HTTP port.
     */
    Optional<String> url();

    /** {@code PIPEWATCH_REPLICA_LEASE_DURATION}: how long a lease lasts past its renewal; a dead leader is replaced after about this. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** {@code PIPEWATCH_REPLICA_RENEW_INTERVAL}: how often the leader renews, and followers look. */
    @WithDefault("3s")
    Duration renewInterval();
}
