package io.pipewatch.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pages and APIs against {@code /q/health/live} (issue 20, item 4): requests per second from 4 clients, each page
 * after the same warm-up, each as a ratio of the health endpoint's rate measured in the same run, before and after
 * the pages (the better of the two is the baseline). The packaged jar in demo mode, a minute in, so the dashboard has
 * its series and the index its alerts.
 * Run: {@code ./mvnw -B -o package -DskipTests}, then
 * {@code java -cp target/test-classes:$(cat target/test-classpath.txt) io.pipewatch.bench.PageThroughputBenchmark}.
 */
public final class PageThroughputBenchmark {

    static final int CLIENTS = 4;
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration MEASURED = Duration.ofSeconds(10);
    static final List<String> PAGES = List.of("/api/status", "/api/alerts", "/dashboards/demo-pipeline", "/", "/api/incidents");

    private PageThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchApp app = BenchApp.start(Path.of("target/quarkus-app/quarkus-run.jar"), List.of(),
                Map.of("PIPEWATCH_STORE_PATH", "memory", "PIPEWATCH_DEMO_SPEED", "30"))) {
            Thread.sleep(60_000); // a minute of the demo: series, alerts and an incident to show
            double before = rate(app.url("/q/health/live"));
            List<double[]> results = new ArrayList<>();
            for (String page : PAGES) {
                results.add(new double[] {rate(app.url(page))});
            }
            double after = rate(app.url("/q/health/live"));
            double health = Math.max(before, after);
            System.out.printf("%d clients, %d s each after %d s warm-up; /q/health/live %.0f/s before, %.0f/s after%n", CLIENTS,
                    MEASURED.toSeconds(), WARM_UP.toSeconds(), before, after);
            for (int i = 0; i < PAGES.size(); i++) {
                double r = results.get(i)[0];
                System.out.printf("  %-28s %7.0f/s   ratio to health %.2f (goal ≥ 0.50)%n", PAGES.get(i), r, r / health);
            }
        }
    }

    /** Requests per second answered 200 by {@link #CLIENTS} clients, measured after a warm-up. */
    static double rate(URI uri) throws Exception {
        var request = HttpRequest.newBuilder(uri).header("Accept", "text/html,application/json").build();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong done = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    var response = BenchApp.HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(uri + " answered " + response.statusCode());
                    }
                    if (counting.get()) {
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(WARM_UP.toMillis());
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(MEASURED.toMillis());
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        return done.get() / (elapsed / 1e9);
    }
}
