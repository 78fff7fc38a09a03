package io.pipewatch.incident;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.ImpactMetrics;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.SignalsPolled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.Map;

/**
 * After each poll, predicts for every Kinesis stage when its stream starts losing data ({@link DataLossForecast}) and
 * how much more its consumer could drain than comes in ({@link ThroughputHeadroom}), and writes them as the series
 * {@code Pipewatch/Impact SecondsToDataLoss} and {@code ThroughputHeadroom}: alarms fire on them
 * ({@code impact: data_loss_within: 2h}) and alerts on the stream show them. It observes the poll before the rules
 * are evaluated, so an alarm on a forecast reads this cycle's value.
 */
@ApplicationScoped
public class ImpactSeries {

    private final Pipelines pipelines;
    private final SeriesStore store;

    public ImpactSeries(Pipelines pipelines, SeriesStore store) {
        this.pipelines = pipelines;
        this.store = store;
    }

    void onPolled(@Observes @Priority(Interceptor.Priority.APPLICATION - 100) SignalsPolled polled) {
        forecast(polled.at());
    }

    /** Writes this moment's forecast for every Kinesis stage of every pipeline. */
    public void forecast(Instant now) {
        for (Pipeline p : pipelines.all()) {
            for (PipelineStage stage : p.stages()) {
                if (!stage.type().equals(PipelineStage.KINESIS_STREAM)) {
                    continue;
                }
                var ages = store.range(iteratorAge(stage.resource()), now.minus(DataLossForecast.WINDOW), now.plusSeconds(1));
                DataLossForecast.timeToDataLoss(ages, stage.capacity().retention(), now).ifPresent(left ->
                        store.put(ImpactMetrics.secondsToDataLoss(stage.resource()), new Datapoint(now, left.toSeconds())));
                headroom(p, stage, now).ifPresent(h ->
                        store.put(ImpactMetrics.throughputHeadroom(stage.resource()), new Datapoint(now, h)));
            }
        }
    }

    /** Against the Lambda the stream feeds (the first, when it feeds several). */
    private java.util.Optional<Double> headroom(Pipeline p, PipelineStage stream, Instant now) {
        var consumer = p.stages().stream().filter(c -> c.type().equals(PipelineStage.LAMBDA) && p.feedsDirectly(stream, c))
                .findFirst();
        if (consumer.isEmpty()) {
            return java.util.Optional.empty();
        }
        Instant from = now.minus(ThroughputHeadroom.WINDOW);
        var incoming = store.range(kinesis(stream.resource(), "IncomingRecords", "Sum"), from, now);
        var durations = store.range(new SeriesKey(MetricId.of("AWS/Lambda", "Duration",
                Map.of("FunctionName", consumer.get().resource())), "p50"), from, now);
        return ThroughputHeadroom.of(incoming, durations, stream.capacity(), consumer.get().capacity(), now);
    }

    private static SeriesKey kinesis(String stream, String metric, String statistic) {
        return new SeriesKey(MetricId.of("AWS/Kinesis", metric, Map.of("StreamName", stream)), statistic);
    }

    static SeriesKey iteratorAge(String stream) {
        return kinesis(stream, "GetRecords.IteratorAgeMilliseconds", "Maximum");
    }
}
