package io.pipewatch.source.demo;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.dashboard.ResourceDiscovery;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Name prefixes and tags on demo dashboards resolve against the simulated pipeline's own resources,
 * which all carry the tag {@code pipeline: ad-impressions}.
 */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "demo")
public class DemoDiscovery implements ResourceDiscovery {

    static final Map<String, String> TAGS = Map.of("pipeline", "ad-impressions");
    private final Map<String, List<String>> byDimension;

    public DemoDiscovery(PipewatchConfig config) {
        this.byDimension = Map.of(
                "AWS/Kinesis StreamName", List.of(DemoResources.STREAM),
                "AWS/Lambda FunctionName", List.of(DemoResources.INGEST_FUNCTION, DemoResources.ROLLUP_FUNCTION),
                "AWS/DynamoDB TableName", List.of(config.demo().table()),
                DemoResources.LATE_LOG_NAMESPACE + " Function", List.of(DemoResources.LATE_LOG_FUNCTION));
    }

    @Override
    public List<String> find(Query query) {
        return byDimension.getOrDefault(query.namespace() + " " + query.dimension(), List.of()).stream()
                .filter(name -> query.prefix() == null || name.startsWith(query.prefix()))
                .filter(name -> TAGS.entrySet().containsAll(query.tags().entrySet()))
                .sorted().toList();
    }
}
