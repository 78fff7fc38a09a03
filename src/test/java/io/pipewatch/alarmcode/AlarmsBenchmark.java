package io.pipewatch.alarmcode;

import io.pipewatch.testing.CloudWatchFake;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Alarms as code at scale: {@code alarms test} on 1,000 alarms × one day of 1-minute data, and
 * {@code alarms plan} calls for 1,000 owned alarms against the minimum number of DescribeAlarms pages.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.pipewatch.alarmcode.AlarmsBenchmark</pre>
 */
public final class AlarmsBenchmark {

    private static final int ALARMS = 1000;
    private static final int MINUTES = 1440;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("alarms-bench");
        Files.createDirectories(dir.resolve("tests"));
        StringBuilder alarms = new StringBuilder("alarms:\n");
        StringBuilder tests = new StringBuilder("tests:\n");
        List<String> series = new java.util.ArrayList<>();
        for (int i = 0; i < ALARMS; i++) {
            String fn = "fn-" + i;
            alarms.append("  - name: Errors of ").append(fn).append("\n    summary: s\n")
                    .append("    metric: {namespace: AWS/Lambda, name: Errors, dimensions: {FunctionName: ").append(fn).append("}}\n")
                    .append("    statistic: Sum\n    period: 60s\n    comparison: \">\"\n    threshold: 10\n")
                    .append("    evaluation_periods: 5\n    datapoints_to_alarm: 3\n    treat_missing_data: notBreaching\n")
                    .append("    evaluated_by: cloudwatch\n    runbook: /runbooks/lambda-errors\n");
            // A day: calm, an incident of 20 minutes at a different hour per alarm, a gap, calm again.
            int incidentAt = 60 + (i * 7) % 1200;
            String values = "0+0.01x" + (incidentAt - 1) + " 50x19 _x10 " + "1x" + (MINUTES - incidentAt - 31);
            series.add(values);
            tests.append("  - name: incident ").append(i).append("\n    alarm: errors-of-").append(fn).append("\n    series:\n")
                    .append("      'AWS/Lambda Errors{FunctionName=").append(fn).append("}:Sum': ").append(values).append("\n")
                    .append("    expect: {").append(incidentAt + 3).append("m: FIRING, ").append(incidentAt + 25)
                    .append("m: RESOLVED, 24h: OK}\n");
        }
        Files.writeString(dir.resolve("bench.yaml"), alarms);
        Files.writeString(dir.resolve("tests/bench.yaml"), tests);

        // Baseline in the same run: one pass over the same input (parse every value, sum it) — the floor.
        double sink = 0;
        double baselineMs = 0;
        for (int round = 0; round < 5; round++) { // warmed like the measured run; the last round counts
            long baselineStart = System.nanoTime();
            for (String s : series) {
                for (Double v : SeriesNotation.parse(s)) {
                    sink += v == null ? 0 : v;
                }
            }
            baselineMs = (System.nanoTime() - baselineStart) / 1e6;
        }

        for (int warm = 0; warm < 2; warm++) {
            run("test", "--alarms-dir", dir.toString());
        }
        resetPeaks();
        long start = System.nanoTime();
        var out = run("test", "--alarms-dir", dir.toString());
        double testMs = (System.nanoTime() - start) / 1e6;
        long peak = peakHeap();
        String summary = out.lines().filter(l -> l.contains("test(s)")).findFirst().orElse(out);
        System.out.printf("%nalarms test: %d alarms × %d one-minute values (%,d evaluations)%n", ALARMS, MINUTES,
                (long) ALARMS * MINUTES);
        System.out.printf("  %s%n  wall %.0f ms (%.1f µs an evaluation), peak heap %.0f MB%n", summary, testMs,
                testMs * 1000 / ((double) ALARMS * MINUTES), peak / 1e6);
        System.out.printf("  baseline (one pass reading the same values): %.0f ms → alarms test costs %.1f× reading its input%n",
                baselineMs, testMs / baselineMs);

        try (var fake = new CloudWatchFake()) {
            var sw = new StringWriter();
            AlarmsCommand.run(new PrintWriter(sw), new PrintWriter(sw), fake::client, "apply", "--alarms-dir", dir.toString(),
                    "--max-writes-per-second", "100000", "--no-actions");
            int before = fake.calls().size();
            int code = AlarmsCommand.run(new PrintWriter(sw), new PrintWriter(sw), fake::client, "plan", "--alarms-dir", dir.toString(), "--no-actions");
            long describes = fake.calls().subList(before, fake.calls().size()).stream()
                    .filter(c -> c.operation().equals("DescribeAlarms")).count();
            int minimum = (ALARMS + CloudWatchAlarms.PAGE - 1) / CloudWatchAlarms.PAGE;
            System.out.printf("%nalarms plan: %d owned alarms → %d DescribeAlarms call(s), minimum ⌈%d/100⌉ = %d → ratio %.2f (exit %d)%n",
                    ALARMS, describes, ALARMS, minimum, (double) describes / minimum, code);
        }
        if (sink < 0) {
            System.out.println(sink);
        }
    }

    private static String run(String... args) {
        var out = new StringWriter();
        AlarmsCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
        return out.toString();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
