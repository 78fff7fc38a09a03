package io.pipewatch.source.sns;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.replica.Leadership;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * What the SNS endpoint says and starts with the service: an error when signatures go unchecked or emulator hosts are
 * set where they are ignored, and, among replicas, the leader's draining of what followers held. Apart from
 * {@link SnsResource} so that the endpoint, its verifier and their JSON mapper are built by the first message and not
 * on the start-up path (docs/performance.md, "Start-up").
 */
@ApplicationScoped
class SnsStartup {

    void onStart(@Observes StartupEvent start, PipewatchConfig config, Leadership leadership,
            Instance<HeldMessageDrain> drain) {
        if (!leadership.alone()) {
            leadership.whenLeading(() -> drain.get().start()); // with the embedded store no follower can have held anything
        }
        PipewatchConfig.Sns sns = config.sns();
        if (!sns.verifySignatures()) {
            Log.error("pipewatch.sns.verify-signatures=false: SNS messages are accepted WITHOUT signature checks. "
                    + "Use this only with an emulator; anyone who can reach /webhooks/sns can raise and resolve alerts.");
        }
        List<String> confirmHosts = sns.confirmHosts().orElse(List.of());
        if (sns.verifySignatures() && !confirmHosts.isEmpty()) {
            Log.errorf("pipewatch.sns.confirm-hosts (%s) is ignored: emulator hosts are honoured only with"
                    + " pipewatch.sns.verify-signatures=false", String.join(", ", confirmHosts));
        }
    }
}
