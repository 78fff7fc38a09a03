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

    /** Built by bench/run: Quarkus with Pipewatch's extensions and one endpoint, the floor a start is measured against. */
    private static final Path BASELINE = Path.of("bench", "quarkus-baseline", "target", "quarkus-app", "quarkus-run.jar");
    /** The baseline's own archive of a start, recorded here, so that both are measured as they would best start. */
    private static final Path BASELINE_ARCHIVE = BASELINE.resolveSibling("baseline.jsa");

    private static void startup(Path jar) throws Exception {
        if (Files.exists(BASELINE)) {
            recordBaselineArchive();
        }
        startup(jar, List.of());
        startup(jar, MemoryBenchmark.CONTAINER_FLAGS); // the container's flags (deploy/Dockerfile)
    }

    /** A start of the baseline, its endpoint and health asked once, stopped: the JVM writes the classes it loaded. */
    private static void recordBaselineArchive() throws Exception {
        Files.deleteIfExists(BASELINE_ARCHIVE);
        try (BenchApp app = BenchApp.start(BASELINE, List.of("-XX:ArchiveClassesAtExit=" + BASELINE_ARCHIVE,
                "-Xlog:cds=error"), Map.of())) {
            for (String path : List.of("/hello", "/q/health", "/q/metrics")) {
                HTTP.send(HttpRequest.newBuilder(app.url(path)).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    /** One way of starting: Pipewatch or the baseline, with or without its class-data archive. */
    private record Start(String name, Path jar, Path archive, boolean rss) {
        boolean possible() {
            return Files.exists(jar) && (archive == null || Files.exists(archive));
        }

        List<String> flags(List<String> jvmFlags) {
            List<String> flags = new ArrayList<>(jvmFlags);
            if (archive != null) {
                flags.add("-XX:SharedArchiveFile=" + archive);
            }
            return flags;
        }
    }

    /**
     * Three rounds, each starting Pipewatch and the baseline with their archives (ready, then RSS after 40 s of the
     * demo) and without (ready only), so that a machine getting busier or quieter during the run moves all of them.
     */
    private static void startup(Path jar, List<String> jvmFlags) throws Exception {
        System.out.printf("%nStart to ready (process start → /q/health/ready 200) and RSS in demo mode, JVM flags %s:%n",
                jvmFlags.isEmpty() ? "(defaults)" : String.join(" ", jvmFlags));
        List<Start> starts = List.of(new Start("Pipewatch, with its archive", jar, BenchApp.ARCHIVE, true),
                new Start("baseline (Quarkus, same extensions, no application), with its archive", BASELINE, BASELINE_ARCHIVE, true),
                new Start("Pipewatch, no archive", jar, null, false),
                new Start("baseline, no archive", BASELINE, null, false));
        long[][] readyMillis = new long[starts.size()][3];
        long[][] rssKb = new long[starts.size()][3];
        for (int i = 0; i < 3; i++) {
            for (int which = 0; which < starts.size(); which++) {
                Start start = starts.get(which);
                if (!start.possible()) {
                    continue;
                }
                try (BenchApp app = BenchApp.start(start.jar(), start.flags(jvmFlags), Map.of())) {
                    readyMillis[which][i] = app.readyMillis;
                    if (start.rss()) {
                        TimeUnit.SECONDS.sleep(40); // let the demo run: DynamoDB Local up, polls and table writes
                        rssKb[which][i] = app.rssKb();
                    }
                    System.out.printf("  run %d, %s: ready in %d ms%s%n", i + 1, start.name(), readyMillis[which][i],
                            start.rss() ? ", RSS after 40 s " + rssKb[which][i] / 1024 + " MB" : "");
                }
            }
        }
        for (int which = 0; which < starts.size(); which++) {
            Arrays.sort(readyMillis[which]);
            Arrays.sort(rssKb[which]);
        }
        if (!starts.get(0).possible()) {
            System.out.printf("  (no archive at %s: ./mvnw package writes it)%n", BenchApp.ARCHIVE);
        }
        System.out.printf("  median, Pipewatch with its archive: ready %d ms (target < 2000), RSS %d MB (target < 200)%n",
                readyMillis[0][1], rssKb[0][1] / 1024);
        System.out.printf("  median, Pipewatch without: ready %d ms; the archive won %d ms%n", readyMillis[2][1],
                readyMillis[2][1] - readyMillis[0][1]);
        if (starts.get(1).possible()) {
            System.out.printf("  baseline median with its archive: ready %d ms, RSS %d MB; without: ready %d ms%n",
                    readyMillis[1][1], rssKb[1][1] / 1024, readyMillis[3][1]);
            System.out.printf("  Pipewatch ÷ baseline, both with archives: ready %.2f, RSS %.2f; both without: ready %.2f%n",
                    readyMillis[0][1] / (double) readyMillis[1][1], rssKb[0][1] / (double) rssKb[1][1],
                    readyMillis[2][1] / (double) readyMillis[3][1]);
        } else {
            System.out.printf("  (no baseline: build it with ./mvnw -B -q -f bench/quarkus-baseline/pom.xml package)%n");
        }
    }

    private static void viewers(Path jar) throws Exception {
        try (BenchApp app = BenchApp.start(jar, List.of(), Map.of())) {
            TimeUnit.SECONDS.sleep(5);
            // Warm the JIT first, then measure alone, with 50 viewers, and alone again: the baseline is
            // the better of the two alone runs, so warm-up cannot flatter the run with viewers.
            BenchApp.time(app.url("/dashboards/demo-pipeline"), 1500);
            BenchApp.time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 1500);
            BenchApp.Stats pageAlone = BenchApp.time(app.url("/dashboards/demo-pipeline"), 500);
            BenchApp.Stats dataAlone = BenchApp.time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 500);
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
            BenchApp.Stats pageWatched = BenchApp.time(app.url("/dashboards/demo-pipeline"), 500);
            BenchApp.Stats dataWatched = BenchApp.time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 500);
            double pollsWatched = pollsPerMinute(app);
            for (InputStream v : viewers) {
                v.close();
            }
            pageAlone = pageAlone.better(BenchApp.time(app.url("/dashboards/demo-pipeline"), 500));
            dataAlone = dataAlone.better(BenchApp.time(app.url("/api/dashboards/demo-pipeline/data?minutes=30"), 500));
            System.out.printf("%nDashboard server time (500 sequential requests each after 1,500 warm-up), 0 vs 50 SSE viewers:%n");
            System.out.printf("  page  p50 %5.1f ms p99 %5.1f ms  | with 50 viewers p50 %5.1f ms p99 %5.1f ms → p99 ratio %.2f%n",
                    pageAlone.p50(), pageAlone.p99(), pageWatched.p50(), pageWatched.p99(), pageWatched.p99() / pageAlone.p99());
            System.out.printf("  data  p50 %5.1f ms p99 %5.1f ms  | with 50 viewers p50 %5.1f ms p99 %5.1f ms → p99 ratio %.2f%n",
                    dataAlone.p50(), dataAlone.p99(), dataWatched.p50(), dataWatched.p99(), dataWatched.p99() / dataAlone.p99());
            System.out.printf("  source polls per minute: %.1f alone, %.1f with 50 viewers → ratio %.2f (viewers add no source calls)%n",
                    pollsAlone, pollsWatched, pollsWatched / pollsAlone);
        }
    }

    private static double pollsPerMinute(BenchApp app) throws Exception {
        long before = polls(app);
        TimeUnit.SECONDS.sleep(30);
        return (polls(app) - before) * 2.0;
    }

    private static long polls(BenchApp app) throws Exception {
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

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

}
