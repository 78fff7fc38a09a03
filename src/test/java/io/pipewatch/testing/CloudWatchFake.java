package io.pipewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A wire-level CloudWatch for tests: a local HTTP server that speaks CloudWatch's current protocol,
 * Smithy RPC v2 CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/<Operation>},
 * {@code smithy-protocol: rpc-v2-cbor}, CBOR bodies), so the real AWS SDK client talks to it. It
 * records every request and answers an empty output, or a queued error.
 */
public final class CloudWatchFake implements AutoCloseable {

    public static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";
    private static final CBORMapper CBOR = new CBORMapper();

    /**
     * One call as received: the operation, the smithy-protocol header, the decoded input, and the access key it was
     * signed with (which process made it, when several share the fake).
     */
    public record Call(String operation, String protocol, JsonNode input, String accessKey) {
    }

    /** An error answer: HTTP status and the error's type, e.g. 500 InternalServiceError. */
    public record Failure(int status, String type) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger compressed = new java.util.concurrent.atomic.AtomicInteger();

    /** Requests that arrived gzip-compressed. */
    public int compressedCalls() {
        return compressed.get();
    }

    public CloudWatchFake() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
          try {
            String path = exchange.getRequestURI().getPath();
            // The SDK gzips PutMetricData bodies over 10 KB (CloudWatch's request compression).
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] body = gzip ? new java.util.zip.GZIPInputStream(exchange.getRequestBody()).readAllBytes()
                    : exchange.getRequestBody().readAllBytes();
            if (gzip) {
                compressed.incrementAndGet();
            }
            String operation = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : path;
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            var key = authorization == null ? null : java.util.regex.Pattern.compile("Credential=([^/,]+)/").matcher(authorization);
            calls.add(new Call(operation, exchange.getRequestHeaders().getFirst("smithy-protocol"),
                    body.length == 0 ? CBOR.createObjectNode() : CBOR.readTree(body), key != null && key.find() ? key.group(1) : ""));
            Failure failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            if (failure == OK) {
                failure = null;
            }
            byte[] answer = failure != null
                    ? CBOR.writeValueAsBytes(Map.of("__type", failure.type(), "message", "injected by the test"))
                    : operation.equals("GetMetricData") ? getMetricData(calls.get(calls.size() - 1).input())
                    : operation.equals("ListMetrics") ? listMetrics(calls.get(calls.size() - 1).input())
                    : operation.equals("DescribeAlarms") ? describeAlarms(calls.get(calls.size() - 1).input())
                    : operation.equals("PutMetricAlarm") ? putMetricAlarm(calls.get(calls.size() - 1).input())
                    : operation.equals("PutCompositeAlarm") ? putCompositeAlarm(calls.get(calls.size() - 1).input())
                    : operation.equals("DeleteAlarms") ? deleteAlarms(calls.get(calls.size() - 1).input())
                    : CBOR.writeValueAsBytes(Map.of());
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.sendResponseHeaders(failure == null ? 200 : failure.status(), answer.length);
            exchange.getResponseBody().write(answer);
          } catch (Refusal r) {
            byte[] body = CBOR.writeValueAsBytes(Map.of("__type", r.type, "message", r.getMessage()));
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            exchange.sendResponseHeaders(599, -1);
          } finally {
            exchange.close();
          }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "cloudwatch-fake");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** A stored series, keyed like {@code AWS/Lambda Errors{FunctionName=f}:Sum}, per period start (epoch s). */
    private final Map<String, java.util.NavigableMap<Long, Double>> series = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int pageSize = Integer.MAX_VALUE;
    private final java.util.Set<String> partial = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Makes a datapoint readable, as CloudWatch would once it has arrived. */
    public void put(String seriesId, java.time.Instant periodStart, double value) {
        series.computeIfAbsent(seriesId, k -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(periodStart.getEpochSecond(), value);
    }

    private final Map<String, Double> constants = new java.util.concurrent.ConcurrentHashMap<>();

    /** The series has this value in every period of every window asked for, as a steady live metric would. */
    public void constant(String seriesId, double value) {
        constants.put(seriesId, value);
    }

    /** At most this many datapoints per result page; more come behind a NextToken. */
    public void pageSize(int points) {
        pageSize = points;
    }

    /** Results for this series come back with StatusCode PartialData (and a NextToken for the rest). */
    public void partialData(String seriesId) {
        partial.add(seriesId);
    }

    /** The series id a query stands for, in the same spelling as {@code SeriesKey.id()}. */
    public static String seriesId(JsonNode query) {
        JsonNode stat = query.get("MetricStat");
        JsonNode metric = stat.get("Metric");
        java.util.TreeMap<String, String> dims = new java.util.TreeMap<>();
        if (metric.has("Dimensions")) {
            metric.get("Dimensions").forEach(d -> dims.put(d.get("Name").asText(), d.get("Value").asText()));
        }
        String joined = String.join(",", dims.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        return metric.get("Namespace").asText() + " " + metric.get("MetricName").asText() + "{" + joined + "}:"
                + stat.get("Stat").asText();
    }

    private byte[] getMetricData(JsonNode input) throws IOException {
        long start = input.get("StartTime").asLong();
        long end = input.get("EndTime").asLong();
        int offset = input.has("NextToken") ? Integer.parseInt(input.get("NextToken").asText()) : 0;
        var out = new java.io.ByteArrayOutputStream();
        var factory = new com.fasterxml.jackson.dataformat.cbor.CBORFactory();
        boolean more = false;
        try (var g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            Map<String, JsonNode> byId = new java.util.HashMap<>();
            input.get("MetricDataQueries").forEach(q -> byId.put(q.get("Id").asText(), q));
            for (JsonNode query : input.get("MetricDataQueries")) {
                if (query.has("ReturnData") && !query.get("ReturnData").asBoolean()) {
                    continue;
                }
                if (query.has("Expression")) {
                    writeBand(g, query, byId, start, end);
                    continue;
                }
                String id = seriesId(query);
                var stored = constants.containsKey(id) ? steady(constants.get(id), start, end, query.get("MetricStat").get("Period").asLong())
                        : series.getOrDefault(id, new java.util.TreeMap<>());
                var points = stored.subMap(start, true, end, false);
                var page = points.entrySet().stream().skip(offset).limit(pageSize).toList();
                boolean truncated = points.size() > offset + page.size();
                more |= truncated;
                g.writeStartObject();
                g.writeStringField("Id", query.get("Id").asText());
                g.writeStringField("Label", query.get("MetricStat").get("Metric").get("MetricName").asText());
                g.writeFieldName("Timestamps");
                g.writeStartArray();
                for (var point : page) {
                    g.writeTag(1); // CBOR epoch-seconds timestamp
                    g.writeNumber(point.getKey());
                }
                g.writeEndArray();
                g.writeFieldName("Values");
                g.writeStartArray();
                for (var point : page) {
                    g.writeNumber(point.getValue());
                }
                g.writeEndArray();
                g.writeStringField("StatusCode", truncated || partial.contains(id) ? "PartialData" : "Complete");
                g.writeEndObject();
            }
            g.writeEndArray();
            if (more) {
                g.writeStringField("NextToken", Integer.toString(offset + pageSize));
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Band edges by the series id of the banded metric and width, e.g. {@code …:Sum} and "2": period start → {lower, upper}. */
    private final Map<String, java.util.NavigableMap<Long, double[]>> bands = new java.util.concurrent.ConcurrentHashMap<>();

    /** The band CloudWatch's anomaly detection model gives the series for one period. */
    public void band(String seriesId, String width, java.time.Instant periodStart, double lower, double upper) {
        bands.computeIfAbsent(seriesId + "@" + width, k -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(periodStart.getEpochSecond(), new double[] {lower, upper});
    }

    private static final java.util.regex.Pattern BAND = java.util.regex.Pattern.compile(
            "ANOMALY_DETECTION_BAND\\(\\s*(\\w+)\\s*(?:,\\s*([0-9.]+)\\s*)?\\)");

    /**
     * ANOMALY_DETECTION_BAND(m, K): two results under the query's id, the upper edge first, as a service that
     * documents no order might answer. Any other expression is refused, as the fake knows no other math.
     */
    private void writeBand(com.fasterxml.jackson.dataformat.cbor.CBORGenerator g, JsonNode query, Map<String, JsonNode> byId,
            long start, long end) throws IOException {
        var m = BAND.matcher(query.get("Expression").asText());
        if (!m.matches()) {
            throw new IllegalArgumentException("the fake evaluates only ANOMALY_DETECTION_BAND, not " + query.get("Expression"));
        }
        String width = m.group(2) == null ? "2" : m.group(2);
        var stored = bands.getOrDefault(seriesId(byId.get(m.group(1))) + "@" + width, new java.util.TreeMap<>())
                .subMap(start, true, end, false);
        for (int edge : new int[] {1, 0}) {
            g.writeStartObject();
            g.writeStringField("Id", query.get("Id").asText());
            g.writeStringField("Label", query.path("Label").asText(m.group(1)) + (edge == 1 ? " High" : " Low"));
            g.writeFieldName("Timestamps");
            g.writeStartArray();
            for (long t : stored.keySet()) {
                g.writeTag(1);
                g.writeNumber(t);
            }
            g.writeEndArray();
            g.writeFieldName("Values");
            g.writeStartArray();
            for (double[] band : stored.values()) {
                g.writeNumber(band[edge]);
            }
            g.writeEndArray();
            g.writeStringField("StatusCode", "Complete");
            g.writeEndObject();
        }
    }

    private final List<Map<String, Object>> listed = new CopyOnWriteArrayList<>();
    private volatile int listPageSize = 500;

    /** Makes a metric appear in ListMetrics, as CloudWatch lists a metric once data has arrived. */
    public void listable(String namespace, String metric, Map<String, String> dimensions) {
        listed.add(Map.of("Namespace", namespace, "MetricName", metric, "Dimensions", dimensions.entrySet().stream()
                .map(e -> Map.of("Name", e.getKey(), "Value", e.getValue())).toList()));
    }

    /** ListMetrics answers at most this many metrics per page (CloudWatch: 500). */
    public void listPageSize(int metrics) {
        listPageSize = metrics;
    }

    /** Filters as CloudWatch does: namespace, metric name, and every dimension filter (name, optional value). */
    @SuppressWarnings("unchecked")
    private byte[] listMetrics(JsonNode input) throws IOException {
        List<Map<String, Object>> matching = listed.stream()
                .filter(m -> !input.has("Namespace") || m.get("Namespace").equals(input.get("Namespace").asText()))
                .filter(m -> !input.has("MetricName") || m.get("MetricName").equals(input.get("MetricName").asText()))
                .filter(m -> {
                    if (!input.has("Dimensions")) {
                        return true;
                    }
                    var dims = (List<Map<String, String>>) m.get("Dimensions");
                    for (JsonNode filter : input.get("Dimensions")) {
                        boolean hit = dims.stream().anyMatch(d -> d.get("Name").equals(filter.get("Name").asText())
                                && (!filter.has("Value") || d.get("Value").equals(filter.get("Value").asText())));
                        if (!hit) {
                            return false;
                        }
                    }
                    return true;
                }).toList();
        int offset = input.has("NextToken") ? Integer.parseInt(input.get("NextToken").asText()) : 0;
        int end = Math.min(matching.size(), offset + listPageSize);
        Map<String, Object> out = new java.util.HashMap<>();
        out.put("Metrics", matching.subList(offset, end));
        if (end < matching.size()) {
            out.put("NextToken", Integer.toString(end));
        }
        return CBOR.writeValueAsBytes(out);
    }

    private static java.util.NavigableMap<Long, Double> steady(double value, long start, long end, long period) {
        var out = new java.util.TreeMap<Long, Double>();
        for (long t = Math.floorDiv(start + period - 1, period) * period; t < end; t += period) {
            out.put(t, value);
        }
        return out;
    }

    /** Metric alarms by name, as PutMetricAlarm stored them (the request's members are MetricAlarm's). */
    private final java.util.SortedMap<String, JsonNode> alarms = new java.util.concurrent.ConcurrentSkipListMap<>();

    public java.util.SortedMap<String, JsonNode> alarms() {
        return java.util.Collections.unmodifiableSortedMap(alarms);
    }

    /** A request CloudWatch would refuse: answered 400 with its error type. */
    private static final class Refusal extends RuntimeException {
        private final String type;

        Refusal(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    /** Composite alarms by name, as PutCompositeAlarm stored them. */
    private final java.util.SortedMap<String, JsonNode> composites = new java.util.concurrent.ConcurrentSkipListMap<>();

    public java.util.SortedMap<String, JsonNode> composites() {
        return java.util.Collections.unmodifiableSortedMap(composites);
    }

    /**
     * DescribeAlarms: by AlarmNamePrefix, at most MaxRecords (default 50, CloudWatch's cap 100) a page, of the
     * AlarmTypes asked for (metric alarms only when none are named, as CloudWatch does).
     */
    private byte[] describeAlarms(JsonNode input) throws IOException {
        String prefix = input.path("AlarmNamePrefix").asText("");
        int max = input.has("MaxRecords") ? input.get("MaxRecords").asInt() : 50;
        if (max > 100) {
            return CBOR.writeValueAsBytes(Map.of("__type", "InvalidParameterValue", "message", "MaxRecords > 100"));
        }
        java.util.Set<String> types = new java.util.HashSet<>();
        input.path("AlarmTypes").forEach(t -> types.add(t.asText()));
        List<JsonNode> matching = new java.util.ArrayList<>();
        if (types.isEmpty() || types.contains("MetricAlarm")) {
            alarms.values().stream().filter(a -> a.get("AlarmName").asText().startsWith(prefix)).forEach(matching::add);
        }
        if (types.contains("CompositeAlarm")) {
            composites.values().stream().filter(a -> a.get("AlarmName").asText().startsWith(prefix)).forEach(matching::add);
        }
        int offset = input.has("NextToken") ? Integer.parseInt(input.get("NextToken").asText()) : 0;
        int end = Math.min(matching.size(), offset + max);
        Map<String, Object> out = new java.util.HashMap<>();
        var page = matching.subList(offset, end);
        out.put("MetricAlarms", page.stream().filter(a -> !a.has("AlarmRule")).toList());
        out.put("CompositeAlarms", page.stream().filter(a -> a.has("AlarmRule")).toList());
        if (end < matching.size()) {
            out.put("NextToken", Integer.toString(end));
        }
        return CBOR.writeValueAsBytes(out);
    }

    private byte[] putMetricAlarm(JsonNode input) throws IOException {
        var stored = ((com.fasterxml.jackson.databind.node.ObjectNode) input.deepCopy());
        stored.remove("Tags"); // tags are not part of a MetricAlarm
        alarms.put(input.get("AlarmName").asText(), stored);
        return CBOR.writeValueAsBytes(Map.of());
    }

    /** Refuses a rule naming an alarm that does not exist, as CloudWatch does. */
    private byte[] putCompositeAlarm(JsonNode input) throws IOException {
        var names = java.util.regex.Pattern.compile("\\(\"([^\"]+)\"\\)").matcher(input.get("AlarmRule").asText());
        while (names.find()) {
            if (!alarms.containsKey(names.group(1)) && !composites.containsKey(names.group(1))) {
                throw new Refusal("InvalidParameterValue", "Could not find alarm " + names.group(1));
            }
        }
        var stored = ((com.fasterxml.jackson.databind.node.ObjectNode) input.deepCopy());
        stored.remove("Tags");
        composites.put(input.get("AlarmName").asText(), stored);
        return CBOR.writeValueAsBytes(Map.of());
    }

    /** Refuses to delete an alarm that a remaining composite names, as CloudWatch does. */
    private byte[] deleteAlarms(JsonNode input) throws IOException {
        java.util.Set<String> deleting = new java.util.HashSet<>();
        input.get("AlarmNames").forEach(n -> deleting.add(n.asText()));
        for (var c : composites.values()) {
            if (deleting.contains(c.get("AlarmName").asText())) {
                continue;
            }
            for (String name : deleting) {
                if (c.get("AlarmRule").asText().contains("(\"" + name + "\")")) {
                    throw new Refusal("InvalidParameterCombination", name + " is named by composite alarm " + c.get("AlarmName").asText());
                }
            }
        }
        input.get("AlarmNames").forEach(n -> composites.remove(n.asText()));
        input.get("AlarmNames").forEach(n -> alarms.remove(n.asText()));
        return CBOR.writeValueAsBytes(Map.of());
    }

    /** The real SDK client, pointed at this fake, with test credentials and no retries. */
    public software.amazon.awssdk.services.cloudwatch.CloudWatchClient client() {
        return software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder().endpointOverride(endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Queues the answer to a coming call: a failure, or {@link #OK} to let that call through. */
    public void failNext(Failure failure) {
        synchronized (failures) {
            failures.add(failure == null ? OK : failure);
        }
    }

    /** A queued answer that lets the call through. */
    public static final Failure OK = new Failure(200, "");

    @Override
    public void close() {
        server.stop(0);
    }
}
