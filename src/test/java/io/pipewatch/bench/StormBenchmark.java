package io.pipewatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert storms through Pipewatch and through Prometheus Alertmanager 0.25 (Debian's {@code prometheus-alertmanager}),
 * into one local Slack stand-in, measured in the same run (issue 20, item 5): 1 alert; 500 in 10 s; 10,000 in 60 s.
 * Pipewatch gets each alert as a CloudWatch alarm over its SNS webhook and records it in its on-disk store before
 * answering; Alertmanager gets it on {@code /api/v2/alerts} and keeps it in memory. Both group by storm with the same
 * group wait and interval and send to Slack's webhook format; Pipewatch paces its webhook as Slack asks (one message a
 * second), Alertmanager does not pace.
 *
 * <p>For each storm and each: alerts accepted per second (answered 2xx, over the time from the first send to the last
 * answer), latency from an alert's POST to the first Slack message that counts it (a group's messages say how many
 * alerts fire in it, "🔥 N firing" or "[FIRING:N]", and alerts are counted in the order they were sent), p50/p99/max,
 * Slack messages, alerts never counted (lost), and each process's resident memory after the storm.
 *
 * <p>Run (after {@code ./mvnw -B -o package -DskipTests} and
 * {@code ./mvnw -B -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test}):
 * {@code java -cp target/test-classes:$(cat target/test-classpath.txt) io.pipewatch.bench.StormBenchmark}. About five
 * minutes. Not part of the test suite.
 */
public final class StormBenchmark {

    /** A storm: how many alerts, sent evenly over how long. */
    record Storm(String name, int alerts, Duration over) {
    }

    static final List<Storm> STORMS = List.of(new Storm("1 alert", 1, Duration.ZERO),
            new Storm("500 alerts in 10 s", 500, Duration.ofSeconds(10)),
            new Storm("10,000 alerts in 60 s", 10_000, Duration.ofSeconds(60)),
            // Not one of issue 20's storms: how fast each takes alerts when they come as fast as they are answered.
            new Storm("10,000 alerts at once", 10_000, Duration.ZERO));
    static final Duration GROUP_WAIT = Duration.ofSeconds(10);
    static final Duration GROUP_INTERVAL = Duration.ofSeconds(10);
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final int SENDERS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one system did with one storm. */
    record Result(String system, Storm storm, double acceptedPerSecond, double answerP50, double answerMax, double p50,
            double p99, double max, int messages, int lost, long rssKb) {
    }

    private StormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (SlackStandIn slack = SlackStandIn.start()) {
            List<Result> results = new ArrayList<>();
            results.addAll(pipewatch(slack));
            results.addAll(alertmanager(slack));
            print(results);
        }
    }

    private static List<Result> pipewatch(SlackStandIn slack) throws Exception {
        Path store = Files.createTempDirectory("pipewatch-storm-store");
        // Started as the README's demo command starts it (deploy/jvm.options: a heap of at most 256 MB, which a storm
        // must not outgrow), with the routes the storms need.
        List<String> flags = new ArrayList<>(BenchApp.readmeFlags());
        List<String> routes = List.of("-Dpipewatch.routes[0].match=namespace=~Storm/.*", "-Dpipewatch.routes[0].receiver=storm",
                "-Dpipewatch.routes[0].group-by=namespace", "-Dpipewatch.routes[0].group-wait=" + GROUP_WAIT.toSeconds() + "s",
                "-Dpipewatch.routes[0].group-interval=" + GROUP_INTERVAL.toSeconds() + "s",
                "-Dpipewatch.receivers.storm.webhook-url=" + slack.url("/pipewatch"));
        Map<String, String> env = Map.of("PIPEWATCH_STORE_PATH", store.toString(), "PIPEWATCH_SNS_TOPIC_ARNS", SnsMessages.TOPIC,
                "PIPEWATCH_SNS_VERIFY_SIGNATURES", "false", "PIPEWATCH_SLACK_WEBHOOK_URL", slack.url("/pipewatch-demo").toString());
        List<Result> out = new ArrayList<>();
        flags.addAll(routes);
        try (BenchApp app = BenchApp.start(Path.of("target/quarkus-app/quarkus-run.jar"), flags, env)) {
            SnsSigner sns = SnsSigner.shared();
            for (Storm storm : STORMS) {
                String namespace = "Storm/" + UUID.randomUUID().toString().substring(0, 8);
                out.add(run("Pipewatch", storm, slack, "/pipewatch", namespace, app.process.pid(), i -> {
                    Instant now = Instant.now();
                    String body = sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                            SnsMessages.alarm(namespace + "-" + i, namespace, "ALARM", "OK", now), now, 2);
                    return HttpRequest.newBuilder(app.url("/webhooks/sns")).header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                }));
            }
        }
        return out;
    }

    private static List<Result> alertmanager(SlackStandIn slack) throws Exception {
        if (!Files.isExecutable(ALERTMANAGER)) {
            System.out.println("Alertmanager is not installed (apt-get install prometheus-alertmanager); its rows are left out");
            return List.of();
        }
        Path dir = Files.createTempDirectory("alertmanager-storm");
        Files.writeString(dir.resolve("alertmanager.yml"), String.join("\n",
                "route:",
                "  receiver: slack",
                "  group_by: ['storm']",
                "  group_wait: " + GROUP_WAIT.toSeconds() + "s",
                "  group_interval: " + GROUP_INTERVAL.toSeconds() + "s",
                "  repeat_interval: 4h",
                "receivers:",
                "  - name: slack",
                "    slack_configs:",
                "      - api_url: '" + slack.url("/alertmanager") + "'",
                "        channel: '#storm'",
                "        send_resolved: false",
                ""));
        int port = freePort();
        Process process = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        List<Result> out = new ArrayList<>();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(base.resolve("/-/ready"), process, dir.resolve("alertmanager.log"));
            for (Storm storm : STORMS) {
                String group = "storm-" + UUID.randomUUID().toString().substring(0, 8);
                out.add(run("Alertmanager", storm, slack, "/alertmanager", group, process.pid(), i -> {
                    String alert = JSON.writeValueAsString(List.of(Map.of("labels", Map.of("alertname", group + "-" + i, "storm", group,
                            "severity", "high"), "annotations", Map.of("summary", "storm alert " + i), "startsAt",
                            Instant.now().toString())));
                    return HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(alert)).build();
                }));
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return out;
    }

    /** One request per alert, as the storm's schedule says; then waits until Slack counted them all, or gave up. */
    private static Result run(String system, Storm storm, SlackStandIn slack, String path, String group, long pid,
            AlertRequest alert) throws Exception {
        int before = slack.messages(path).size();
        long[] sent = new long[storm.alerts()];
        double[] answered = new double[storm.alerts()];
        AtomicInteger accepted = new AtomicInteger();
        long[] lastAnswer = new long[1];
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long spacing = storm.alerts() <= 1 ? 0 : storm.over().toNanos() / storm.alerts();
        // Built first, so that signing SNS messages is not what paces the storm.
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < storm.alerts(); i++) {
            requests.add(alert.request(i));
        }
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < storm.alerts(); i++) {
            long due = start + spacing * i;
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            int index = i;
            done.add(senders.submit(() -> {
                sent[index] = System.nanoTime();
                var response = BenchApp.HTTP.send(requests.get(index), HttpResponse.BodyHandlers.discarding());
                long now = System.nanoTime();
                answered[index] = (now - sent[index]) / 1e6;
                if (response.statusCode() / 100 == 2) {
                    accepted.incrementAndGet();
                }
                synchronized (lastAnswer) {
                    lastAnswer[0] = Math.max(lastAnswer[0], now);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        senders.shutdown();
        double seconds = Math.max(1e-9, (lastAnswer[0] - start) / 1e9);
        long deadline = System.nanoTime() + GROUP_WAIT.plus(GROUP_INTERVAL.multipliedBy(3)).plusSeconds(30).toNanos();
        while (slack.counted(path, before) < storm.alerts() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        List<SlackStandIn.Message> messages = slack.messages(path).subList(before, slack.messages(path).size());
        double[] latency = new double[storm.alerts()];
        int lost = 0;
        for (int i = 0; i < storm.alerts(); i++) {
            int rank = i + 1;
            long in = sent[i];
            var counted = messages.stream().filter(m -> m.firing() >= rank && m.atNanos() >= in).findFirst();
            if (counted.isEmpty()) {
                lost++;
                latency[i] = Double.NaN;
            } else {
                latency[i] = (counted.get().atNanos() - in) / 1e6;
            }
        }
        double[] known = Arrays.stream(latency).filter(d -> !Double.isNaN(d)).sorted().toArray();
        double[] answers = Arrays.stream(answered).sorted().toArray();
        // One alert has no rate: its answer time says it.
        double rate = storm.alerts() > 1 ? accepted.get() / seconds : Double.NaN;
        return new Result(system, storm, rate, percentile(answers, 50), answers[answers.length - 1], percentile(known, 50),
                percentile(known, 99),
                known.length == 0 ? Double.NaN : known[known.length - 1], messages.size(), lost, rssKb(pid));
    }

    /** The request that sends alert {@code i} of a storm. */
    private interface AlertRequest {
        HttpRequest request(int i) throws Exception;
    }

    private static void print(List<Result> results) {
        System.out.printf(Locale.ROOT, "%nStorms, group wait %d s and group interval %d s on both, %d senders%n",
                GROUP_WAIT.toSeconds(), GROUP_INTERVAL.toSeconds(), SENDERS);
        System.out.println("| storm | system | accepted alerts/s | answered p50 / max | alert → Slack p50 / p99 / max | Slack messages"
                + " | lost | RSS after |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Storm storm : STORMS) {
            Result pw = find(results, "Pipewatch", storm);
            Result am = find(results, "Alertmanager", storm);
            for (Result r : new Result[] {pw, am}) {
                if (r != null) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f / %.1f ms | %.1f / %.1f / %.1f s | %d | %d | %d MB |%n",
                            storm.name(), r.system(), Double.isNaN(r.acceptedPerSecond()) ? "—"
                                    : String.format(Locale.ROOT, "%.0f", r.acceptedPerSecond()), r.answerP50(), r.answerMax(),
                            r.p50() / 1000, r.p99() / 1000, r.max() / 1000, r.messages(), r.lost(), r.rssKb() / 1024);
                }
            }
            if (pw != null && am != null) {
                System.out.printf(Locale.ROOT, "| %s | Pipewatch ÷ Alertmanager | %.2f | %.1f / %.1f | %.2f / %.2f / %.2f | %.2f | | %.2f |%n",
                        storm.name(), pw.acceptedPerSecond() / am.acceptedPerSecond(), pw.answerP50() / am.answerP50(),
                        pw.answerMax() / am.answerMax(), pw.p50() / am.p50(), pw.p99() / am.p99(),
                        pw.max() / am.max(), pw.messages() / (double) Math.max(1, am.messages()), pw.rssKb() / (double) am.rssKb());
            }
        }
    }

    private static Result find(List<Result> results, String system, Storm storm) {
        return results.stream().filter(r -> r.system().equals(system) && r.storm() == storm).findFirst().orElse(null);
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitReady(URI ready, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited: " + Files.readString(log));
            }
            try {
                if (BenchApp.HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("Alertmanager not ready in 30 s");
    }

    /**
     * Slack's incoming webhooks on a local port: each message's arrival and how many alerts it says fire in its group.
     * Pipewatch's header reads "🔥 N firing" (or names the one alert firing); Alertmanager's default title "[FIRING:N] …".
     */
    static final class SlackStandIn implements AutoCloseable {

        record Message(long atNanos, int firing) {
        }

        private static final Pattern PIPEWATCH = Pattern.compile("🔥 (\\d+) firing");
        private static final Pattern ALERTMANAGER = Pattern.compile("\\[FIRING:(\\d+)\\]");
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final Map<String, List<Message>> received = new ConcurrentHashMap<>();

        private SlackStandIn(HttpServer server) {
            this.server = server;
        }

        static SlackStandIn start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            SlackStandIn slack = new SlackStandIn(server);
            server.createContext("/", exchange -> {
                long at = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                slack.messages(exchange.getRequestURI().getPath()).add(new Message(at, firing(body)));
                byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            server.setExecutor(slack.threads);
            server.start();
            return slack;
        }

        private static int firing(String body) {
            Matcher am = ALERTMANAGER.matcher(body);
            if (am.find()) {
                return Integer.parseInt(am.group(1));
            }
            try {
                String header = JSON.readTree(body).path("blocks").path(0).path("text").path("text").asText("");
                Matcher pw = PIPEWATCH.matcher(header);
                if (pw.find()) {
                    return Integer.parseInt(pw.group(1));
                }
                return header.contains("FIRING") ? 1 : 0;
            } catch (IOException notJson) {
                return 0;
            }
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        List<Message> messages(String path) {
            return received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
        }

        /** The most alerts any message since {@code from} said fire: all of a storm once it reaches the storm's size. */
        int counted(String path, int from) {
            List<Message> all = messages(path);
            return all.subList(from, all.size()).stream().mapToInt(Message::firing).max().orElse(0);
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow(); // or the JVM would wait for them
        }
    }
}
