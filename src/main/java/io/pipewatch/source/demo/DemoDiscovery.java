package io.pipewatch.source.demo;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.source.ResourceDiscovery;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Name prefixes on demo dashboards resolve against the simulated pipeline's own resources. */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "demo")
public class DemoDiscovery implements ResourceDiscovery {

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
                .filter(name -> name.startsWith(query.prefix())).sorted().toList();
    }
}
