package io.pipewatch.source;

import java.util.List;

/**
 * Finds the resources behind a name prefix on a dashboard ({@code name_prefix: ingest-}): the values of
 * one dimension of one metric. CloudWatch answers with ListMetrics in aws mode; the demo knows its own.
 */
public interface ResourceDiscovery {

    /** What to look for: resources that publish {@code metric} in {@code namespace}, named by {@code dimension}. */
    record Query(String namespace, String metric, String dimension, String prefix) {
    }

    /** The matching resource names, sorted and distinct. */
    List<String> find(Query query) throws SourceException;
}
