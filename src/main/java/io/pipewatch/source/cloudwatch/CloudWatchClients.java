package io.pipewatch.source.cloudwatch;

import io.pipewatch.config.PipewatchConfig;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The one CloudWatch client of the process, built on first use with the SDK's credential chain and
 * region ({@code AWS_ENDPOINT_URL(_CLOUDWATCH)} honoured by the SDK, or {@code pipewatch.cloudwatch.endpoint}).
 * Building it late lets a missing region show as a source that is down instead of a failed start.
 */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "aws")
public class CloudWatchClients {

    private final PipewatchConfig.CloudWatch config;
    private CloudWatchClient client;

    public CloudWatchClients(PipewatchConfig config) {
        this.config = config.cloudwatch();
    }

    /** @throws software.amazon.awssdk.core.exception.SdkClientException when region or credentials are missing */
    public synchronized CloudWatchClient get() {
        if (client == null) {
            var builder = CloudWatchClient.builder().httpClientBuilder(ApacheHttpClient.builder());
            config.endpoint().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
