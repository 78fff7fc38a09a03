package io.pipewatch.source.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.CloudWatchFake;
import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** Publishing the saturation series with the real CloudWatch client against a wire-level fake. */
class SaturationPublisherIT {

    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private final CloudWatchFake fake = new CloudWatchFake();
    private final CloudWatchClient client = fake.client();

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @Test
    void sendsCompletedPeriodsOnceInBatchesOfAtMostAThousand() {
        var clock = new ManualClock(T0);
        var publisher = new SaturationPublisher(client, "Pipewatch/Streams", clock);
        var periods = new SaturationPeriods("demo-impressions", Duration.ofMinutes(10));
        periods.tailing(T0);
        for (int s = 0; s < 600; s += 10) {
            periods.record(T0.plusSeconds(s), Duration.ofMinutes(s % 20).toMillis(), 1000L);
        }
        clock.advance(Duration.ofMinutes(10));

        var problems = new StreamProblems("publish", clock);
        int calls = publisher.publish(List.of(periods), problems);
        assertEquals(List.of(), problems.lines());

        // 60 periods × 7 series (3 counts + 3 ages + read lag) = 420 datums: one call
        assertEquals(1, calls);
        var call = fake.calls().get(0);
        assertEquals("PutMetricData", call.operation());
        assertEquals("rpc-v2-cbor", call.protocol());
        assertEquals("Pipewatch/Streams", call.input().get("Namespace").asText());
        var data = StreamSupport.stream(call.input().get("MetricData").spliterator(), false).toList();
        assertEquals(420, data.size());
        assertTrue(data.stream().anyMatch(d -> d.get("MetricName").asText().equals("RecordAgeMaximum")
                && d.get("Unit").asText().equals("Milliseconds")));
        assertTrue(data.stream().anyMatch(d -> d.get("MetricName").asText().equals("RecordsOverThreshold")
                && d.get("Unit").asText().equals("Count")));
        assertEquals("TableName", data.get(0).get("Dimensions").get(0).get("Name").asText());
        assertEquals("demo-impressions", data.get(0).get("Dimensions").get(0).get("Value").asText());

        assertEquals(0, publisher.publish(List.of(periods), new StreamProblems("publish", clock)), "nothing new to send");

        clock.advance(Duration.ofMinutes(30)); // 180 quiet periods × 3 counts = 540, plus nothing else
        for (int s = 600; s < 2400; s += 10) {
            periods.record(T0.plusSeconds(s), 1000, null);
        }
        assertEquals(2, publisher.publish(List.of(periods), new StreamProblems("publish", clock)),
                "180 periods × 7 series = 1,260 datums: two calls");
        assertTrue(fake.calls().stream().allMatch(c -> c.input().get("MetricData").size() <= 1000));
        assertTrue(fake.compressedCalls() > 0, "large batches travel gzip-compressed, as CloudWatch allows");
    }

    @Test
    void aFailureHalfWayResendsOnlyWhatWasNotAccepted() {
        var clock = new ManualClock(T0);
        var publisher = new SaturationPublisher(client, "Pipewatch/Streams", clock);
        var periods = new SaturationPeriods("t", Duration.ofMinutes(10));
        periods.tailing(T0);
        for (int s = 0; s < 1800; s += 10) {
            periods.record(T0.plusSeconds(s), 1000, 10L);
        }
        clock.advance(Duration.ofMinutes(31));
        var problems = new StreamProblems("CloudWatch", clock);
        fake.failNext(null); // the first call goes through
        fake.failNext(new CloudWatchFake.Failure(500, "InternalServiceError"));
        assertEquals(1, publisher.publish(List.of(periods), problems), "the first batch was accepted");
        int accepted = fake.calls().get(0).input().get("MetricData").size();
        assertEquals(1, publisher.publish(List.of(periods), problems));
        int resent = fake.calls().get(2).input().get("MetricData").size();
        assertEquals(180 * 7 + 6 * 3, accepted + resent,
                "every datum sent exactly once: 180 periods with records × 7 series, 6 quiet ones × 3 counts");
        var first = fake.calls().get(0).input().get("MetricData");
        var last = first.get(first.size() - 1).get("Timestamp").asLong();
        assertTrue(fake.calls().get(2).input().get("MetricData").get(0).get("Timestamp").asLong() > last,
                "no period split across batches, none resent");
    }

    @Test
    void aFailedCallIsReportedAndItsDatapointsSentLater() {
        var clock = new ManualClock(T0);
        var publisher = new SaturationPublisher(client, "Pipewatch/Streams", clock);
        var periods = new SaturationPeriods("t", Duration.ofMinutes(10));
        periods.tailing(T0);
        periods.record(T0.plusSeconds(5), 1000, null);
        clock.advance(Duration.ofSeconds(30));
        var problems = new StreamProblems("CloudWatch", clock);
        fake.failNext(new CloudWatchFake.Failure(500, "InternalServiceError"));

        assertEquals(0, publisher.publish(List.of(periods), problems));
        assertTrue(problems.lines().get(0).contains("PutMetricData to CloudWatch failed, will retry"), problems.lines().toString());

        assertEquals(1, publisher.publish(List.of(periods), problems));
        assertTrue(problems.lines().isEmpty());
        var retried = fake.calls().get(fake.calls().size() - 1).input().get("MetricData");
        assertTrue(StreamSupport.stream(retried.spliterator(), false)
                .anyMatch(d -> d.get("MetricName").asText().equals("RecordsRead") && d.get("Value").asDouble() == 1.0),
                "the period that failed is in the retry");
    }
}
