package io.pipewatch.source.cloudwatch;

import io.pipewatch.aws.AwsProblems;
import io.pipewatch.config.Pacer;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Ticker;
import io.pipewatch.signal.BandEdge;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.MetricSource;
import io.pipewatch.signal.PollingCost;
import io.pipewatch.signal.SeriesData;
import io.pipewatch.signal.SourceException;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * The aws-mode source: reads every wanted series from CloudWatch with as few GetMetricData calls as
 * {@link QueryPlan} allows, over a window that ends {@code pipewatch.cloudwatch.delay} ago and
 * reaches back {@code reread} so late datapoints fill in. Pages are followed by NextToken. A failed
 * call fails the read with one line (the poller records it, and re-reads the gap after recovery).
 */
@ApplicationScoped
@LookupIfProperty(name = "pipewatch.mode", stringValue = "aws")
public class CloudWatchMetricSource implements MetricSource {

    private final PipewatchConfig.CloudWatch config;
    private final Supplier<CloudWatchClient> clients;
    private CloudWatchClient client;
    private final List<String> notes = new ArrayList<>();
    private PollingCost cost;
    private final Pacer pacer;

    @Inject
    public CloudWatchMetricSource(PipewatchConfig config, AwsClients clients) {
        this(config.cloudwatch(), clients::cloudWatch);
    }

    public CloudWatchMetricSource(PipewatchConfig.CloudWatch config, Supplier<CloudWatchClient> clients) {
        this.config = config;
        this.pacer = Pacer.perSecond(config.maxCallsPerSecond(), Ticker.SYSTEM);
        this.clients = clients;
    }

    @Override
    public boolean serves(SeriesKey key) {
        return !key.metric().measuredByPipewatch();
    }

    @Override
    public String name() {
        return "cloudwatch";
    }

    @Override
    public Duration dataDelay() {
        return config.delay();
    }

    /** Three hours on the first read: enough for alarm ranges of long periods and full charts. */
    @Override
    public Duration backfill() {
        return Duration.ofHours(3);
    }

    /** Once per period: polling more often would pay for the same datapoints again. */
    @Override
    public Duration pollInterval() {
        return config.period();
    }

    @Override
    public Duration reread() {
        return config.reread();
    }

    @Override
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public synchronized List<SeriesData> read(Set<SeriesKey> wanted, Instant from, Instant to) throws SourceException {
        long period = config.period().toSeconds();
        notes.clear();
        return fetch(wanted, align(from.minus(config.delay()), period), align(to.minus(config.delay()), period), period, true);
    }

    /** A window older than the poll keeps, at the chart's period: billed like a poll, never counted as one. */
    @Override
    public synchronized List<SeriesData> history(Set<SeriesKey> wanted, Instant from, Instant to, Duration period)
            throws SourceException {
        long seconds = Math.max(60, period.toSeconds());
        return fetch(wanted, align(from, seconds), align(to.plusSeconds(seconds - 1), seconds), seconds, false);
    }

    private List<SeriesData> fetch(Set<SeriesKey> wanted, Instant start, Instant end, long period, boolean poll)
            throws SourceException {
        if (wanted.isEmpty() || !end.isAfter(start)) {
            return List.of();
        }
        CloudWatchClient cloudWatch = client();
        long pointsPerQuery = Duration.between(start, end).toSeconds() / period;
        Map<SeriesKey, List<Datapoint>> points = new HashMap<>();
        var batches = QueryPlan.batches(wanted, pointsPerQuery);
        int[] calls = {0};
        try {
            for (List<QueryPlan.Query> batch : batches) {
                read(cloudWatch, batch, start, end, (int) period, points, calls);
            }
            if (poll) {
                cost = PollingCost.of(calls[0], QueryPlan.billedMetrics(batches), config.period().toSeconds());
            }
        } catch (SdkClientException e) {
            throw new SourceException(AwsProblems.clientProblem(e), e);
        } catch (SdkException e) {
            throw new SourceException("CloudWatch GetMetricData failed: " + AwsProblems.firstLine(e.getMessage()), e);
        }
        List<SeriesData> out = new ArrayList<>();
        points.forEach((key, list) -> {
            if (!list.isEmpty()) {
                out.add(new SeriesData(key, list));
            }
        });
        return out;
    }

    private void read(CloudWatchClient cloudWatch, List<QueryPlan.Query> batch, Instant start, Instant end, int period,
            Map<SeriesKey, List<Datapoint>> points, int[] calls) {
        Map<String, SeriesKey> byId = new HashMap<>();
        List<MetricDataQuery> queries = new ArrayList<>();
        Map<String, BandEdge> bands = new HashMap<>(); // band query id → its (lower) edge
        for (QueryPlan.Query q : batch) {
            if (BandEdge.of(q.key()).isEmpty()) {
                byId.put(q.id(), q.key());
                queries.add(query(q, period));
            }
        }
        for (QueryPlan.Query q : batch) {
            BandEdge.of(q.key()).filter(edge -> !edge.upper() || !batch.stream().anyMatch(o -> o.key().equals(
                    new BandEdge(edge.of(), edge.width(), false).key()))).ifPresent(edge -> {
                String metricId = byId.entrySet().stream().filter(e -> e.getValue().equals(edge.of())).map(Map.Entry::getKey)
                        .findFirst().orElseGet(() -> {
                            // The band's metric was planned into another call: read it here too, without returning it.
                            String hidden = q.id() + "m";
                            queries.add(query(new QueryPlan.Query(hidden, edge.of()), period).toBuilder().returnData(false).build());
                            return hidden;
                        });
                queries.add(MetricDataQuery.builder().id(q.id()).returnData(true)
                        .expression("ANOMALY_DETECTION_BAND(" + metricId + ", " + BandEdge.widthText(edge.width()) + ")").build());
                bands.put(q.id(), new BandEdge(edge.of(), edge.width(), false));
            });
        }
        String token = null;
        do {
            String page = token;
            pace();
            calls[0]++;
            GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.metricDataQueries(queries)
                    .startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(page));
            readBands(response, bands, points);
            for (MetricDataResult result : response.metricDataResults()) {
                SeriesKey key = byId.get(result.id());
                if (key == null) {
                    continue;
                }
                List<Datapoint> list = points.computeIfAbsent(key, k -> new ArrayList<>());
                for (int i = 0; i < result.timestamps().size() && i < result.values().size(); i++) {
                    list.add(new Datapoint(result.timestamps().get(i), result.values().get(i)));
                }
                if (result.statusCode() == StatusCode.INTERNAL_ERROR || result.statusCode() == StatusCode.FORBIDDEN) {
                    notes.add(key.id() + ": CloudWatch answered " + result.statusCodeAsString());
                }
            }
            response.messages().forEach(m -> notes.add("CloudWatch: " + m.code() + " " + m.value()));
            token = response.nextToken();
        } while (token != null);
    }

    /**
     * The band comes back under its query's id as two series, its edges. AWS documents neither their order
     * nor their labels, so each timestamp's lowest value is taken as the lower edge and its highest as the
     * upper, whatever order or labels a service uses.
     */
    private static void readBands(GetMetricDataResponse response, Map<String, BandEdge> bands, Map<SeriesKey, List<Datapoint>> points) {
        for (var band : bands.entrySet()) {
            java.util.TreeMap<Instant, double[]> edges = new java.util.TreeMap<>();
            for (MetricDataResult result : response.metricDataResults()) {
                if (!result.id().equals(band.getKey())) {
                    continue;
                }
                for (int i = 0; i < result.timestamps().size() && i < result.values().size(); i++) {
                    double v = result.values().get(i);
                    edges.merge(result.timestamps().get(i), new double[] {v, v},
                            (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            }
            BandEdge lower = band.getValue();
            List<Datapoint> lowers = points.computeIfAbsent(lower.key(), k -> new ArrayList<>());
            List<Datapoint> uppers = points.computeIfAbsent(BandEdge.upper(lower.of(), lower.width()), k -> new ArrayList<>());
            edges.forEach((at, edge) -> {
                lowers.add(new Datapoint(at, edge[0]));
                uppers.add(new Datapoint(at, edge[1]));
            });
        }
    }

    @Override
    public synchronized java.util.Optional<PollingCost> cost() {
        return java.util.Optional.ofNullable(cost);
    }

    /** Keeps to {@code max-calls-per-second}, far under GetMetricData's 50 TPS per account and region. */
    private void pace() {
        pacer.awaitTurn();
        pacer.called();
    }

    private static MetricDataQuery query(QueryPlan.Query q, int period) {
        var metric = Metric.builder().namespace(q.key().metric().namespace()).metricName(q.key().metric().name())
                .dimensions(q.key().metric().dimensions().entrySet().stream()
                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .build();
        return MetricDataQuery.builder().id(q.id()).returnData(true)
                .metricStat(MetricStat.builder().metric(metric).period(period).stat(q.key().statistic()).build())
                .build();
    }

    private CloudWatchClient client() throws SourceException {
        if (client == null) {
            try {
                client = clients.get();
            } catch (SdkClientException e) {
                throw new SourceException(AwsProblems.clientProblem(e), e);
            }
        }
        return client;
    }

    private static Instant align(Instant at, long periodSeconds) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), periodSeconds) * periodSeconds);
    }

}
