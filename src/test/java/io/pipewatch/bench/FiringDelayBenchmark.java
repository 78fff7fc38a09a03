package io.pipewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Issue 16, item 3: the delay from an alert entering FIRING to the Slack POST that tells of it, for
 * every alert of a demo run at speed 1 with the default routing (group-wait 30 s, group-interval 5 min).
 * Goal: max ≤ group-wait + 5 s. Resolutions are measured the same way (left FIRING → first POST naming
 * the alarm after that); they wait for the group's next turn, so they are reported, not judged.
 * <p>
 * It builds nothing. Run, from the repository (plain {@code java}, so no Maven holds the directory for half an hour):
 * <pre>
 * ./mvnw -B -o package -DskipTests
 * ./mvnw -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:$(cat target/test-classpath.txt) io.pipewatch.bench.FiringDelayBenchmark 30m
 * </pre>
 * The argument is the run's length ({@code 30m}, {@code 3m}, {@code 90s}; default 30m).
 * The service runs as its own process from {@code target/quarkus-app/quarkus-run.jar}; its log stays in a
 * temporary directory whose path is printed.
 */
public final class FiringDelayBenchmark {

    /** The default route's timings (PipewatchConfig.Route); the benchmark sets no route, so these apply. */
    private static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    private static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
    private static final Duration GOAL = GROUP_WAIT.plusSeconds(5);
    /** After the run, firings from its last seconds still get their group wait (and the pacing) to be told of. */
    private static final Duration GRACE = GROUP_WAIT.plusSeconds(15);
    private static final Duration POLL = Duration.ofSeconds(1);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK_MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** An alarm named in one Slack message, as firing (🔥), resolved (✅) or otherwise. */
    record Mention(String alarm, String kind) {
    }

    /** One POST as the Slack stand-in received it. */
    record Post(Instant at, JsonNode body) {
    }

    /** One stay of an alert in FIRING: when it entered (the service's transition time), when the poll first saw it, when it left. */
    record Episode(String id, String alarm, Instant fired, Instant seen, Instant left) {
        Episode leaving(Instant at) {
            return new Episode(id, alarm, fired, seen, at);
        }
    }

    /** How long after an event the first POST naming the alarm came, and how that POST named it. */
    record Told(Episode episode, Instant event, Optional<Post> post, String kind) {
        Duration delay() {
            return Duration.between(event, post.orElseThrow().at());
        }
    }

    /** p50 / p90 / max of some delays (nearest rank). */
    record Spread(int count, Duration p50, Duration p90, Duration max) {
        static Spread of(List<Duration> delays) {
            List<Duration> sorted = delays.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return new Spread(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
            }
            return new Spread(sorted.size(), rank(sorted, 50), rank(sorted, 90), sorted.get(sorted.size() - 1));
        }

        private static Duration rank(List<Duration> sorted, int p) {
            return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        @Override
        public String toString() {
            return count == 0 ? "none" : String.format(Locale.ROOT, "p50 %s, p90 %s, max %s", secs(p50), secs(p90), secs(max));
        }
    }

    public static void main(String[] args) throws Exception {
        Duration length = args.length > 0 ? parseLength(args[0]) : Duration.ofMinutes(30);
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -B -o package -DskipTests first");
        }
        System.out.printf("Pipewatch firing → Slack delay — demo at speed 1, default routing, %s run; %d cores, JDK %s%n",
                span(length), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        List<Post> posts = new CopyOnWriteArrayList<>();
        try (MockWebServer slack = slackStandIn(posts); Service service = Service.start(jar, slack.url("/services/T0/B0/bench").toString())) {
            System.out.println("Service log: " + service.log);
            Map<String, Episode> episodes = new LinkedHashMap<>();
            Instant end = Instant.now().plus(length);
            watch(service, episodes, end);
            // Firings of the run's last seconds still get their group wait; firings after the end are not counted.
            watch(service, episodes, end.plus(GRACE));
            Instant stopped = Instant.now();
            report(episodes.values().stream().filter(e -> e.fired().isBefore(end)).toList(), posts, end, stopped);
            System.out.println("Service log: " + service.log);
        }
    }

    /** Reads /api/alerts every second until {@code until}, keeping every FIRING episode its transitions show. */
    private static void watch(Service service, Map<String, Episode> episodes, Instant until) throws Exception {
        while (Instant.now().isBefore(until)) {
            Instant tick = Instant.now();
            JsonNode alerts = service.alerts();
            for (JsonNode alert : alerts) {
                record(alert, tick, episodes);
            }
            long sleep = Duration.between(Instant.now(), tick.plus(POLL)).toMillis();
            TimeUnit.MILLISECONDS.sleep(Math.max(0, sleep));
        }
    }

    /**
     * From an alert's transitions (the service keeps its last 20: at one read a second none is missed), every
     * entry into FIRING is an episode (id@time, so a second firing of the same alarm is a new one), and every
     * exit from FIRING closes the latest episode that began before it.
     */
    static void record(JsonNode alert, Instant seen, Map<String, Episode> episodes) {
        String id = alert.path("id").asText();
        String alarm = alert.path("alarm").asText();
        for (JsonNode t : alert.path("transitions")) {
            Instant at = Instant.parse(t.path("at").asText());
            if (t.path("to").asText().equals("FIRING")) {
                episodes.putIfAbsent(id + "@" + at, new Episode(id, alarm, at, seen, null));
            } else if (t.path("from").asText().equals("FIRING")) {
                episodes.values().stream()
                        .filter(e -> e.id().equals(id) && e.left() == null && !e.fired().isAfter(at))
                        .max(Comparator.comparing(Episode::fired))
                        .ifPresent(e -> episodes.put(e.id() + "@" + e.fired(), e.leaving(at)));
            }
        }
        // Also from firingSince, should the transitions ever be cut short.
        if (alert.path("state").asText().equals("FIRING") && alert.hasNonNull("firingSince")) {
            Instant since = Instant.parse(alert.path("firingSince").asText());
            episodes.putIfAbsent(id + "@" + since, new Episode(id, alarm, since, seen, null));
        }
    }

    private static void report(List<Episode> episodes, List<Post> posts, Instant end, Instant stopped) {
        List<Told> firings = episodes.stream().map(e -> firingTold(e, posts)).toList();
        List<Episode> left = episodes.stream().filter(e -> e.left() != null && e.left().isBefore(end)).toList();
        List<Told> resolutions = left.stream().map(e -> resolutionTold(e, episodes, posts)).toList();

        List<Told> announced = firings.stream().filter(t -> t.post().isPresent()).toList();
        Spread firing = Spread.of(announced.stream().map(Told::delay).toList());
        Spread seen = Spread.of(announced.stream().map(t -> Duration.between(t.episode().seen(), t.post().get().at())).toList());
        List<Told> resolvedTold = resolutions.stream().filter(t -> t.post().isPresent()).toList();
        Spread resolved = Spread.of(resolvedTold.stream().map(Told::delay).toList());

        System.out.printf("%nSlack POSTs received: %d%n", posts.size());
        System.out.printf("Firings: %d; announced: %d (as firing %d, named only as resolved %d)%n", firings.size(), announced.size(),
                announced.stream().filter(t -> t.kind().equals("firing")).count(),
                announced.stream().filter(t -> t.kind().equals("resolved")).count());
        System.out.printf("FIRING → first POST naming the alarm: %s%n", firing);
        System.out.printf("  (from the poll that first saw it, a lower bound within 1 s: %s)%n", seen);
        System.out.printf("Resolutions (left FIRING during the run): %d; announced: %d%n", resolutions.size(), resolvedTold.size());
        System.out.printf("Left FIRING → first POST naming the alarm after that: %s%n", resolved);
        List<Told> neverAnnounced = firings.stream().filter(t -> t.post().isEmpty()).toList();
        System.out.printf("Firings never announced: %d%n", neverAnnounced.size());
        neverAnnounced.forEach(t -> System.out.printf("  %s fired %s%n", t.episode().alarm(), CLOCK.format(t.event())));
        resolutions.stream().filter(t -> t.post().isEmpty()).forEach(t -> System.out.printf(
                "  resolution not announced by the end: %s left FIRING %s, %s before the end (a group speaks at most every %s)%n",
                t.episode().alarm(), CLOCK.format(t.event()), secs(Duration.between(t.event(), stopped)), span(GROUP_INTERVAL)));
        List<Told> late = announced.stream().filter(t -> t.delay().compareTo(GOAL) > 0).toList();
        boolean met = neverAnnounced.isEmpty() && late.isEmpty();
        System.out.printf("Goal max ≤ group-wait + 5 s = %s: %s%n", secs(GOAL),
                firings.isEmpty() ? "no firing to judge" : met ? "met" : "NOT met (" + late.size() + " late, worst by " + secs(firing.max().minus(GOAL)) + ")");
        late.forEach(t -> System.out.printf("  late: %s fired %s, told after %s%n", t.episode().alarm(), CLOCK.format(t.event()), secs(t.delay())));
        table(firings, resolutions, end);
        posts(posts);
    }

    /** Every message as it arrived, by its header: what a late one waited behind. */
    private static void posts(List<Post> posts) {
        System.out.printf("%nSlack POSTs (arrival, header):%n");
        for (Post p : posts) {
            System.out.printf("  %s  %s%n", CLOCK_MILLIS.format(p.at()), p.body().path("blocks").path(0).path("text").path("text").asText(""));
        }
    }

    /** Every episode, for finding which alert a figure belongs to. */
    private static void table(List<Told> firings, List<Told> resolutions, Instant end) {
        System.out.printf("%nEvery episode (times UTC):%n%-52s %-9s %-10s %-9s %-10s%n", "alarm", "fired", "told", "left", "told");
        for (Told f : firings) {
            Optional<Told> r = resolutions.stream().filter(t -> t.episode().equals(f.episode())).findFirst();
            System.out.printf("%-52s %-9s %-10s %-9s %-10s%n", f.episode().alarm(), CLOCK.format(f.event()), shown(f, "firing"),
                    f.episode().left() == null ? "" : CLOCK.format(f.episode().left()), r.map(t -> shown(t, "resolved"))
                            .orElse(f.episode().left() != null && !f.episode().left().isBefore(end) ? "after end" : ""));
        }
    }

    /** "+31.2 s", with how the message named the alarm when that is not the usual way. */
    private static String shown(Told t, String usual) {
        return t.post().map(p -> "+" + secs(t.delay()) + (t.kind().equals(usual) ? "" : " (as " + t.kind() + ")")).orElse("never");
    }

    /**
     * The first POST at or after {@code event} that names the episode's alarm in a way {@code counts} accepts,
     * and how it named it. Which naming counts matters at the edges: a message decided just before a firing
     * but delivered just after it names the alarm in its old state, and says nothing of the new firing.
     */
    static Told firstNaming(Episode episode, Instant event, List<Post> posts, java.util.function.BiPredicate<Post, String> counts) {
        for (Post post : posts) {
            if (post.at().isBefore(event)) {
                continue;
            }
            for (Mention m : mentions(post.body(), episode.alarm())) {
                if (counts.test(post, m.kind())) {
                    return new Told(episode, event, Optional.of(post), m.kind());
                }
            }
        }
        return new Told(episode, event, Optional.empty(), "");
    }

    /** A firing is told by a message naming it as firing, or, once it has resolved, as resolved (the README's "never missing"). */
    static Told firingTold(Episode e, List<Post> posts) {
        return firstNaming(e, e.fired(), posts, (post, kind) -> kind.equals("firing")
                || kind.equals("resolved") && e.left() != null && !post.at().isBefore(e.left()));
    }

    /**
     * A resolution is told by a message naming the alarm as resolved, or as firing again when it has fired anew
     * by then (the group then tells of the new firing instead).
     */
    static Told resolutionTold(Episode e, List<Episode> all, List<Post> posts) {
        return firstNaming(e, e.left(), posts, (post, kind) -> kind.equals("resolved")
                || kind.equals("firing") && all.stream().anyMatch(o -> o.id().equals(e.id()) && o.fired().isAfter(e.fired())
                        && !o.fired().isAfter(post.at())));
    }

    /**
     * Where a message names the alarm: a single alert's header ("🔥 FIRING: name") or one line of a
     * group's message ("🔥 *<runbook|name>* · …"). The emoji each starts with says how it is named.
     * Names are compared as Slack's mrkdwn escapes them.
     */
    static List<Mention> mentions(JsonNode body, String alarm) {
        String name = alarm.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        List<Mention> out = new ArrayList<>();
        for (JsonNode block : body.path("blocks")) {
            String text = block.path("text").path("text").asText("");
            boolean names = block.path("type").asText().equals("header") ? text.endsWith(": " + alarm)
                    : text.contains("|" + name + ">*") || text.contains("*" + name + "*");
            if (names) {
                out.add(new Mention(alarm, text.startsWith("🔥") ? "firing" : text.startsWith("✅") ? "resolved" : "other"));
            }
        }
        return out;
    }

    /** Slack as a local server: each POST's arrival time and JSON body, answered 200 at once. */
    private static MockWebServer slackStandIn(List<Post> posts) throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Instant at = Instant.now();
                try {
                    posts.add(new Post(at, JSON.readTree(request.getBody().utf8())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        server.start();
        return server;
    }

    /** The packaged jar in demo mode at speed 1, in a temporary working directory with its log. */
    private record Service(Process process, int port, Path log) implements AutoCloseable {

        static Service start(Path jar, String webhook) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path dir = Files.createTempDirectory("pipewatch-firing-delay");
            Path log = dir.resolve("service.log");
            var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            // Only what is set here: a PIPEWATCH_ROUTE_* or speed from the caller's shell would change what is measured.
            builder.environment().keySet().removeIf(k -> k.startsWith("PIPEWATCH_") || k.startsWith("QUARKUS_"));
            builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                    "PIPEWATCH_DEMO_SPEED", "1",
                    "PIPEWATCH_STORE_PATH", "memory",
                    "PIPEWATCH_SLACK_WEBHOOK_URL", webhook,
                    // The shipped definitions, read from the repository while the working directory is elsewhere.
                    "PIPEWATCH_ALARMS_DIR", Path.of("alarms").toAbsolutePath().toString(),
                    "PIPEWATCH_DASHBOARDS_DIR", Path.of("dashboards").toAbsolutePath().toString(),
                    "PIPEWATCH_RUNBOOKS_DIR", Path.of("docs/runbooks").toAbsolutePath().toString()));
            Service service = new Service(builder.start(), port, log);
            service.awaitReady();
            return service;
        }

        private void awaitReady() throws Exception {
            var ready = HttpRequest.newBuilder(url("/q/health/ready")).build();
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Pipewatch exited; see " + log);
                }
                try {
                    if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new IllegalStateException("Pipewatch not ready after 120 s; see " + log);
        }

        JsonNode alerts() throws Exception {
            var response = HTTP.send(HttpRequest.newBuilder(url("/api/alerts")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/api/alerts answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** "30m", "3m", "90s", or ISO-8601 ("PT30M"). */
    static Duration parseLength(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim());
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        throw new IllegalArgumentException("not a length: " + text + " (30m, 90s or PT30M)");
    }

    /** "30 min", "90 s". */
    private static String span(Duration d) {
        return d.toSecondsPart() == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String secs(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
