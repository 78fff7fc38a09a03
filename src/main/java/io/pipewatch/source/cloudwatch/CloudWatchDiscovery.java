package io.pipewatch.source.cloudwatch;

import io.pipewatch.source.ResourceDiscovery;
import io.pipewatch.source.SourceException;
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

/**
 * Resolves a name prefix with ListMetrics, page by page. Only metrics active in the last three hours
 * count: ListMetrics keeps a deleted function's metrics for two weeks, and a dashboard of dead
 * resources misleads. ListMetrics cannot filter by prefix, so values are matched here.
 */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "aws")
public class CloudWatchDiscovery implements ResourceDiscovery {

    private final Supplier<CloudWatchClient> clients;

    @Inject
    public CloudWatchDiscovery(CloudWatchClients clients) {
        this(clients::get);
    }

    public CloudWatchDiscovery(Supplier<CloudWatchClient> clients) {
        this.clients = clients;
    }

    @Override
    public List<String> find(Query query) throws SourceException {
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
            throw new SourceException(CloudWatchMetricSource.clientProblem(e), e);
        } catch (SdkException e) {
            throw new SourceException("CloudWatch ListMetrics failed: " + CloudWatchMetricSource.firstLine(e.getMessage()), e);
        }
        return List.copyOf(names);
    }
}
