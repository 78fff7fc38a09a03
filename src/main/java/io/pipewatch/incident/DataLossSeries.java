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
 * After each poll, predicts for every Kinesis stage when its stream starts losing data ({@link DataLossForecast})
 * and writes it as the series {@code Pipewatch/Impact SecondsToDataLoss}: charts draw it, alarms fire on it
 * ({@code impact: data_loss_within: 2h}), and alerts on the stream show it. It observes the poll before the rules
 * are evaluated, so an alarm on the forecast reads this cycle's value.
 */
@ApplicationScoped
public class DataLossSeries {

    private final Pipelines pipelines;
    private final SeriesStore store;

    public DataLossSeries(Pipelines pipelines, SeriesStore store) {
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
                if (!stage.type().equals(PipelineStage.KINESIS_STREAM) || stage.retention().isEmpty()) {
                    continue;
                }
                var ages = store.range(iteratorAge(stage.resource()), now.minus(DataLossForecast.WINDOW), now.plusSeconds(1));
                DataLossForecast.timeToDataLoss(ages, stage.retention().get(), now).ifPresent(left ->
                        store.put(ImpactMetrics.secondsToDataLoss(stage.resource()), new Datapoint(now, left.toSeconds())));
            }
        }
    }

    static SeriesKey iteratorAge(String stream) {
        return new SeriesKey(MetricId.of("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", Map.of("StreamName", stream)),
                "Maximum");
    }
}
