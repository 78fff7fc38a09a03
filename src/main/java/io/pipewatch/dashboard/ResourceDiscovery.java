package io.pipewatch.dashboard;

import io.pipewatch.signal.SourceException;
import java.util.List;
import java.util.Map;

/**
 * Finds the resources behind a dashboard stage that names them by a prefix ({@code name_prefix: ingest-})
 * or by tags ({@code tags: {pipeline: impressions}}). In aws mode a prefix is matched against the
 * values of one dimension of one metric (ListMetrics), and tags with the Resource Groups Tagging
 * API; the demo knows its own resources. Dashboards are its only users, so the port is declared here
 * and {@code source/cloudwatch} and {@code source/demo} implement it; nothing in dashboard names a source.
 */
public interface ResourceDiscovery {

    /**
     * What to look for: resources of {@code resourceType} (tagging API spelling, e.g. {@code lambda:function})
     * that publish {@code metric} in {@code namespace}, named by {@code dimension}, whose name starts with
     * {@code prefix} (when not null) and that carry all of {@code tags}.
     */
    record Query(String namespace, String metric, String dimension, String resourceType, String prefix,
            Map<String, String> tags) {

        public Query {
            tags = Map.copyOf(tags);
        }

        public boolean byTags() {
            return !tags.isEmpty();
        }
    }

    /** The matching resource names, sorted and distinct. */
    List<String> find(Query query) throws SourceException;
}
