package io.pipewatch.source.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A demo that outruns its store keeps a bounded backlog: memory must not grow with how far behind the table is. */
class ImpressionTableWriterTest {

    @Test
    void stepsWaitingForTheTableStayBoundedHoweverFarBehindItIs() {
        // The writer waits an hour before it connects: nothing drains the queue during the test.
        var writer = new ImpressionTableWriter(() -> {
            throw new AssertionError("the writer connects only after its delay");
        }, () -> true, "demo-impressions",
                Duration.ofHours(1));
        try {
            Instant t = Instant.parse("2026-12-04T03:00:00Z");
            for (int i = 0; i < 5_000; i++) {
                writer.write(Map.of(new DemoStep.ImpressionBucket("ad-1", t.plusSeconds(60L * i)), 3L));
            }
            assertEquals(ImpressionTableWriter.WAITING_STEPS, writer.waiting());
        } finally {
            writer.close();
        }
    }
}
