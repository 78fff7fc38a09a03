package io.pipewatch.source.cloudwatch;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * Resources carrying all of a stage's tags, from {@code tag:GetResources} page by page, named as
 * their CloudWatch dimension names them (the last part of the ARN: function, stream or table name).
 */
final class TaggedResources {

    private TaggedResources() {
    }

    static List<String> find(ResourceGroupsTaggingApiClient tagging, String resourceType, Map<String, String> tags) {
        List<TagFilter> filters = tags.entrySet().stream()
                .map(e -> TagFilter.builder().key(e.getKey()).values(e.getValue()).build()).toList();
        TreeSet<String> names = new TreeSet<>();
        String token = null;
        do {
            String page = token;
            GetResourcesResponse response = tagging.getResources(r -> r.tagFilters(filters)
                    .resourceTypeFilters(resourceType).paginationToken(page));
            response.resourceTagMappingList().forEach(m -> names.add(name(m.resourceARN())));
            // The API ends its last page with an empty token, not a missing one.
            token = response.paginationToken() == null || response.paginationToken().isEmpty() ? null : response.paginationToken();
        } while (token != null);
        return List.copyOf(names);
    }

    /**
     * {@code arn:aws:lambda:r:a:function:ingest[:alias]} → {@code ingest};
     * {@code arn:aws:kinesis:r:a:stream/logs} → {@code logs}; {@code arn:aws:dynamodb:r:a:table/t} → {@code t}.
     */
    static String name(String arn) {
        String[] parts = arn.split(":", 7);
        String resource = parts.length == 7 ? parts[6] : arn;
        if (parts.length == 7 && parts[5].equals("function")) {
            int qualifier = resource.indexOf(':');
            return qualifier < 0 ? resource : resource.substring(0, qualifier);
        }
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(slash + 1);
    }
}
