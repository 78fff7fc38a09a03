package io.pipewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory over a simulated day (issue 20, item 2): the packaged jar in demo mode at 360× (24 simulated hours in
 * 4 minutes), its store on disk, sampled every 15 s; once with the JVM's defaults and once with the flags the container
 * uses (deploy/Dockerfile). Prints each sample, and the growth from the end of the first simulated 4 hours (warm-up)
 * to the end of the day; the defaults are the baseline of the ratio.
 * Run (after {@code ./mvnw -B -o package -DskipTests} and the test classpath, as for {@link StormBenchmark}):
 * {@code java -cp target/test-classes:$(cat target/test-classpath.txt) io.pipewatch.bench.MemoryBenchmark}. Eight minutes.
 */
public final class MemoryBenchmark {

    static final int SPEED = 360;
    static final Duration DAY = Duration.ofHours(24).dividedBy(SPEED);
    static final Duration SAMPLE = Duration.ofSeconds(15);
    static final Duration WARM_UP = Duration.ofHours(4).dividedBy(SPEED);
    /** The flags the container and the README's demo start with (deploy/jvm.options), and the image's allocator setting. */
    static final List<String> CONTAINER_FLAGS = List.of(BenchApp.JVM_OPTIONS);
    static final Map<String, String> CONTAINER_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Started as the README and the image start it: with the class-data archive package wrote, when there is one.
        List<String> container = BenchApp.readmeFlags();
        List<String> withArchive = BenchApp.archiveFlags();
        long[] defaults = day("JVM defaults " + String.join(" ", withArchive), withArchive, Map.of());
        long[] flagged = day("container flags " + String.join(" ", container) + ", MALLOC_ARENA_MAX=2", container, CONTAINER_ENV);
        System.out.printf(Locale.ROOT, "%nRSS at the end of the simulated day: defaults %d MB, container flags %d MB (ratio %.2f)%n",
                defaults[defaults.length - 1] / 1024, flagged[flagged.length - 1] / 1024,
                flagged[flagged.length - 1] / (double) defaults[defaults.length - 1]);
    }

    private static long[] day(String label, List<String> flags, Map<String, String> env) throws Exception {
        Path store = Files.createTempDirectory("pipewatch-memory-store");
        List<Long> samples = new ArrayList<>();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PIPEWATCH_STORE_PATH", store.toString());
        all.put("PIPEWATCH_DEMO_SPEED", Integer.toString(SPEED));
        try (BenchApp app = BenchApp.start(Path.of("target/quarkus-app/quarkus-run.jar"), flags, all)) {
            System.out.printf(Locale.ROOT, "%s: ready in %d ms%n", label, app.readyMillis);
            long start = System.nanoTime();
            for (long at = 0; at <= DAY.toNanos(); at += SAMPLE.toNanos()) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, start + at - System.nanoTime()));
                long rss = app.rssKb();
                samples.add(rss);
                System.out.printf(Locale.ROOT, "  %5.1f simulated h: RSS %d MB%n", at / 1e9 * SPEED / 3600, rss / 1024);
            }
        }
        int warm = (int) (WARM_UP.toNanos() / SAMPLE.toNanos());
        long atWarm = samples.get(Math.min(warm, samples.size() - 1));
        long last = samples.get(samples.size() - 1);
        long peak = samples.stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf(Locale.ROOT, "%s: after warm-up %d MB, end of day %d MB (growth %+.1f %%), peak %d MB%n", label,
                atWarm / 1024, last / 1024, (last - atWarm) * 100.0 / atWarm, peak / 1024);
        return samples.stream().mapToLong(Long::longValue).toArray();
    }
}
