package io.pipewatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.SeriesStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * The walking skeleton's figures, each printed beside a baseline measured in the same run:
 * <ol>
 * <li>start to ready and RSS of the packaged jar in demo mode (3 starts, median);</li>
 * <li>series store bytes per datapoint, against a naive {@code ConcurrentSkipListMap<Instant, Double>};</li>
 * <li>dashboard page and data server time p50/p99 with 50 connected SSE viewers, against none,
 * and the source polls per minute in both cases (viewers must add none).</li>
 * </ol>
 * Run: {@code ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pipewatch.bench.SkeletonBenchmark [-Dexec.args="store startup viewers"]}
 */
public final class SkeletonBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        List<String> parts = args.length > 0 ? List.of(args) : List.of("store", "startup", "viewers");
        System.out.printf("Pipewatch skeleton benchmark — %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        if (parts.contains("store")) {
            storeFootprint();
        }
        if (parts.contains("startup")) {
            startup(jar);
        }
        if (parts.contains("viewers")) {
            viewers(jar);
        }
    }

    private static void storeFootprint() {
        int series = 200;
        int points = 2160;
        Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
        long before = usedHeap();
        var store = new SeriesStore(points);
        for (int s = 0; s < series; s++) {
            var key = new SeriesKey(MetricId.of("AWS/Lambda", "Errors", Map.of("FunctionName", "f" + s)), "Sum");
            for (int i = 0; i < points; i++) {
                store.put(key, new Datapoint(t0.plusSeconds(10L * i), i));
            }
        }
        long storeBytes = usedHeap() - before;
        List<NavigableMap<Instant, Double>> naive = new ArrayList<>();
        before = usedHeap();
        for (int s = 0; s < series; s++) {
            var map = new ConcurrentSkipListMap<Instant, Double>();
            for (int i = 0; i < points; i++) {
                map.put(t0.plusSeconds(10L * i), (double) i);
            }
            naive.add(map);
        }
        long naiveBytes = usedHeap() - before;
        double perPoint = (double) storeBytes / (series * points);
        double naivePerPoint = (double) naiveBytes / (series * points);
        System.out.printf("%nStore: %d series × %d points%n", series, points);
        System.out.printf("  series store   %6.1f bytes/datapoint (heap, incl. keys)  [%d points retained: %s]%n",
                perPoint, store.datapointCount(), store.datapointCount() == (long) series * points);
        System.out.printf("  naive skiplist %6.1f bytes/datapoint  → ratio %.2f%n", naivePerPoint, perPoint / naivePerPoint);
        if (naive.isEmpty()) {
            throw new IllegalStateException();
        }
    }

    private static void startup(Path jar) throws Exception {
        startup(jar, List.of());
        startup(jar, List.of("-XX:+UseSerialGC", "-Xmx128m"));
    }

    private static void startup(Path jar, List<String> jvmFlags) throws Exception {
        System.out.printf("%nStart to ready (process start → /q/health/ready 200) and RSS in demo mode, JVM flags %s:%n",
                jvmFlags.isEmpty() ? "(defaults)" : String.join(" ", jvmFlags));
        long[] readyMillis = new long[3];
        long[] rssKb = new long[3];
        for (int i = 0; i < 3; i++) {
            try (App app = App.start(jar, jvmFlags)) {
                readyMillis[i] = app.readyMillis;
                TimeUnit.SECONDS.sleep(40); // let the demo run: DynamoDB Local up, polls and table writes
                rssKb[i] = app.rssKb();
                System.out.printf("  run %d: ready in %d ms, RSS after 40 s %d MB%n", i + 1, readyMillis[i], rssKb[i] / 1024);
            }
        }
        Arrays.sort(readyMillis);
        Arrays.sort(rssKb);
        System.out.printf("  median: ready %d ms (target < 2000), RSS %d MB (target < 200)%n", readyMillis[1], rssKb[1] / 1024);
    }

    private static void viewers(Path jar) throws Exception {
        try (App app = App.start(jar, List.of())) {
            TimeUnit.SECONDS.sleep(5);
            // Warm the JIT first, then measure alone, with 50 viewers, and alone again: the baseline is
            // the better of the two alone runs, so warm-up cannot flatter the run with viewers.
            time(app.url("/dashboards/demo-pipeline"), 1500);
            time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 1500);
            Stats pageAlone = time(app.url("/dashboards/demo-pipeline"), 500);
            Stats dataAlone = time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 500);
            double pollsAlone = pollsPerMinute(app);
            List<InputStream> viewers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                var request = HttpRequest.newBuilder(app.url("/api/dashboards/demo-pipeline/live")).build();
                InputStream body = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
                viewers.add(body);
                Thread reader = new Thread(() -> drain(body));
                reader.setDaemon(true);
                reader.start();
            }
            Stats pageWatched = time(app.url("/dashboards/demo-pipeline"), 500);
            Stats dataWatched = time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 500);
            double pollsWatched = pollsPerMinute(app);
            for (InputStream v : viewers) {
                v.close();
            }
            pageAlone = pageAlone.better(time(app.url("/dashboards/demo-pipeline"), 500));
            dataAlone = dataAlone.better(time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 500));
            System.out.printf("%nDashboard server time (500 sequential requests each after 1,500 warm-up), 0 vs 50 SSE viewers:%n");
            System.out.printf("  page  p50 %5.1f ms p99 %5.1f ms  | with 50 viewers p50 %5.1f ms p99 %5.1f ms → p99 ratio %.2f%n",
                    pageAlone.p50, pageAlone.p99, pageWatched.p50, pageWatched.p99, pageWatched.p99 / pageAlone.p99);
            System.out.printf("  data  p50 %5.1f ms p99 %5.1f ms  | with 50 viewers p50 %5.1f ms p99 %5.1f ms → p99 ratio %.2f%n",
                    dataAlone.p50, dataAlone.p99, dataWatched.p50, dataWatched.p99, dataWatched.p99 / dataAlone.p99);
            System.out.printf("  source polls per minute: %.1f alone, %.1f with 50 viewers → ratio %.2f (viewers add no source calls)%n",
                    pollsAlone, pollsWatched, pollsWatched / pollsAlone);
        }
    }

    private static double pollsPerMinute(App app) throws Exception {
        long before = polls(app);
        TimeUnit.SECONDS.sleep(30);
        return (polls(app) - before) * 2.0;
    }

    private static long polls(App app) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(app.url("/api/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readTree(body).get("sources").get(0).get("polls").asLong();
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // a viewer reads every update
            }
        } catch (IOException closed) {
            // the benchmark closed the viewer
        }
    }

    private static Stats time(URI uri, int requests) throws Exception {
        var request = HttpRequest.newBuilder(uri).build();
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
        }
        Arrays.sort(millis);
        return new Stats(millis[requests / 2], millis[(int) Math.ceil(requests * 0.99) - 1]);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private record Stats(double p50, double p99) {
        Stats better(Stats other) {
            return new Stats(Math.min(p50, other.p50), Math.min(p99, other.p99));
        }
    }

    /** The packaged jar in its own process on a free port, in demo mode. */
    private static final class App implements AutoCloseable {
        final Process process;
        final int port;
        final long readyMillis;

        private App(Process process, int port, long readyMillis) {
            this.process = process;
            this.port = port;
            this.readyMillis = readyMillis;
        }

        static App start(Path jar, List<String> jvmFlags) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("pipewatch-bench", ".log");
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(jvmFlags);
            command.addAll(List.of("-jar", jar.toString()));
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            long start = System.nanoTime();
            Process process = builder.start();
            var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Pipewatch exited: " + Files.readString(log));
                }
                try {
                    if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            return new App(process, port, (System.nanoTime() - start) / 1_000_000);
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        long rssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
