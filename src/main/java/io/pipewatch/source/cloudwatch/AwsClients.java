package io.pipewatch.source.cloudwatch;

import io.pipewatch.config.PipewatchConfig;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/**
 * The process's AWS clients for reading the pipeline, each built once on first use with the SDK's
 * credential chain and region ({@code AWS_ENDPOINT_URL(_<SERVICE>)} honoured by the SDK;
 * {@code pipewatch.cloudwatch.endpoint} overrides CloudWatch's). Building late lets a missing region
 * show as a source that is down instead of a failed start.
 */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "aws")
public class AwsClients {

    private final PipewatchConfig.CloudWatch config;
    private CloudWatchClient cloudWatch;
    private ResourceGroupsTaggingApiClient tagging;

    public AwsClients(PipewatchConfig config) {
        this.config = config.cloudwatch();
    }

    /** @throws software.amazon.awssdk.core.exception.SdkClientException when region or credentials are missing */
    public synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            var builder = CloudWatchClient.builder().httpClientBuilder(ApacheHttpClient.builder());
            config.endpoint().ifPresent(builder::endpointOverride);
            cloudWatch = builder.build();
        }
        return cloudWatch;
    }

    /** For {@code tags:} stages of dashboards (Resource Groups Tagging API, {@code tag:GetResources}). */
    public synchronized ResourceGroupsTaggingApiClient tagging() {
        if (tagging == null) {
            tagging = ResourceGroupsTaggingApiClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
        }
        return tagging;
    }

    @PreDestroy
    synchronized void close() {
        if (cloudWatch != null) {
            cloudWatch.close();
        }
        if (tagging != null) {
            tagging.close();
        }
    }
}
