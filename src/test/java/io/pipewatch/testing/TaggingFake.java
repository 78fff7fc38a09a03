package io.pipewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/**
 * A wire-level Resource Groups Tagging API for tests: a local HTTP server speaking its AWS JSON 1.1
 * protocol ({@code X-Amz-Target: ResourceGroupsTaggingAPI_20170126.GetResources}), so the real SDK
 * client talks to it. Filters by tags and resource type, pages, and ends the last page with an empty
 * token as the real API does.
 */
public final class TaggingFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> resources = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int pageSize = 100;

    public TaggingFake() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try {
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                JsonNode input = JSON.readTree(exchange.getRequestBody());
                calls.add(input);
                byte[] answer = "ResourceGroupsTaggingAPI_20170126.GetResources".equals(target)
                        ? JSON.writeValueAsBytes(getResources(input))
                        : JSON.writeValueAsBytes(Map.of("__type", "UnknownOperationException"));
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(answer.length > 0 && target != null && target.endsWith("GetResources") ? 200 : 400,
                        answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException | RuntimeException e) {
                e.printStackTrace();
                exchange.sendResponseHeaders(599, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public void tag(String arn, Map<String, String> tags) {
        resources.put(arn, Map.copyOf(tags));
    }

    public void pageSize(int size) {
        pageSize = size;
    }

    public List<JsonNode> calls() {
        return List.copyOf(calls);
    }

    private Map<String, Object> getResources(JsonNode input) {
        List<String> types = input.has("ResourceTypeFilters")
                ? JSON.convertValue(input.get("ResourceTypeFilters"), JSON.getTypeFactory().constructCollectionType(List.class, String.class))
                : List.of();
        List<Map<String, Object>> matching = resources.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(r -> types.isEmpty() || types.stream().anyMatch(t -> r.getKey().split(":")[2].equals(t.split(":")[0])
                        && r.getKey().split(":", 7)[5].startsWith(t.split(":")[1])))
                .filter(r -> {
                    for (JsonNode filter : input.path("TagFilters")) {
                        String value = r.getValue().get(filter.get("Key").asText());
                        boolean any = !filter.has("Values") || filter.get("Values").isEmpty();
                        boolean hit = value != null && (any || java.util.stream.StreamSupport
                                .stream(filter.get("Values").spliterator(), false).anyMatch(v -> v.asText().equals(value)));
                        if (!hit) {
                            return false;
                        }
                    }
                    return true;
                })
                .map(r -> Map.<String, Object>of("ResourceARN", r.getKey(), "Tags", r.getValue().entrySet().stream()
                        .map(t -> Map.of("Key", t.getKey(), "Value", t.getValue())).toList()))
                .toList();
        int offset = input.hasNonNull("PaginationToken") && !input.get("PaginationToken").asText().isEmpty()
                ? Integer.parseInt(input.get("PaginationToken").asText()) : 0;
        int end = Math.min(matching.size(), offset + pageSize);
        Map<String, Object> out = new HashMap<>();
        out.put("ResourceTagMappingList", matching.subList(offset, end));
        out.put("PaginationToken", end < matching.size() ? Integer.toString(end) : "");
        return out;
    }

    public ResourceGroupsTaggingApiClient client() {
        return ResourceGroupsTaggingApiClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
