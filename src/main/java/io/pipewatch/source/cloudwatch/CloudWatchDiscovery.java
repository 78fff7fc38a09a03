package io.pipewatch.source.cloudwatch;

import io.pipewatch.aws.AwsProblems;
import io.pipewatch.dashboard.ResourceDiscovery;
import io.pipewatch.signal.SourceException;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/**
 * Resolves tags with the Resource Groups Tagging API, and a name prefix with ListMetrics, page by page. Only metrics active in the last three hours
 * count: ListMetrics keeps a deleted function's metrics for two weeks, and a dashboard of dead
 * resources misleads. ListMetrics cannot filter by prefix, so values are matched here.
 */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "aws")
public class CloudWatchDiscovery implements ResourceDiscovery {

    private final Supplier<CloudWatchClient> clients;
    private final Supplier<ResourceGroupsTaggingApiClient> tagging;

    @Inject
    public CloudWatchDiscovery(AwsClients clients) {
        this(clients::cloudWatch, clients::tagging);
    }

    public CloudWatchDiscovery(Supplier<CloudWatchClient> clients, Supplier<ResourceGroupsTaggingApiClient> tagging) {
        this.clients = clients;
        this.tagging = tagging;
    }

    @Override
    public List<String> find(Query query) throws SourceException {
        if (query.byTags()) {
            try {
                return TaggedResources.find(tagging.get(), query.resourceType(), query.tags());
            } catch (SdkClientException e) {
                throw new SourceException(AwsProblems.clientProblem(e), e);
            } catch (SdkException e) {
                throw new SourceException("Tagging GetResources failed: " + AwsProblems.firstLine(e.getMessage()), e);
            }
        }
        TreeSet<String> names = new TreeSet<>();
        try {
            CloudWatchClient cloudWatch = clients.get();
            String token = null;
            do {
                String page = token;
                ListMetricsResponse response = cloudWatch.listMetrics(r -> r.namespace(query.namespace())
                        .metricName(query.metric()).dimensions(d -> d.name(query.dimension()))
                        .recentlyActive(RecentlyActive.PT3_H).nextToken(page));
                response.metrics().forEach(m -> m.dimensions().stream()
                        .filter(d -> d.name().equals(query.dimension()) && d.value().startsWith(query.prefix()))
                        .forEach(d -> names.add(d.value())));
                token = response.nextToken();
            } while (token != null);
        } catch (SdkClientException e) {
            throw new SourceException(AwsProblems.clientProblem(e), e);
        } catch (SdkException e) {
            throw new SourceException("CloudWatch ListMetrics failed: " + AwsProblems.firstLine(e.getMessage()), e);
        }
        return List.copyOf(names);
    }
}
