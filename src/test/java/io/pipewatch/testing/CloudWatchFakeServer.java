package io.pipewatch.testing;

import java.util.Map;

/**
 * The tests' wire-level CloudWatch as a standalone server, to try aws mode and the alarms CLI on a
 * machine without an AWS account: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pipewatch.testing.CloudWatchFakeServer}, then point {@code AWS_ENDPOINT_URL} at
 * the address it prints. It serves steady values for a few of the demo dashboard's metrics and keeps
 * alarms put into it until it stops.
 */
public final class CloudWatchFakeServer {

    private CloudWatchFakeServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        var fake = new CloudWatchFake();
        fake.constant("AWS/Lambda Invocations{FunctionName=ingest-impressions}:Sum", 1200);
        fake.constant("AWS/Lambda Errors{FunctionName=ingest-impressions}:Sum", 180);
        fake.constant("AWS/Lambda Duration{FunctionName=ingest-impressions}:p99", 4200);
        fake.constant("AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=device-logs}:Maximum", 1500);
        fake.listable("AWS/Lambda", "Invocations", Map.of("FunctionName", "rollup-hourly"));
        System.out.println("CloudWatch stand-in at " + fake.endpoint() + " (Ctrl-C to stop)");
        Thread.currentThread().join();
    }
}
