package io.pipewatch.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar in its own process on a free port (demo mode unless told otherwise), and server-time measuring. */
final class BenchApp implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    final int port;
    final long readyMillis;

    private BenchApp(Process process, int port, long readyMillis) {
        this.process = process;
        this.port = port;
        this.readyMillis = readyMillis;
    }

    record Stats(double p50, double p99) {
        Stats better(Stats other) {
            return new Stats(Math.min(p50, other.p50), Math.min(p99, other.p99));
        }
    }

    /** p50 and p99 of {@code requests} sequential GETs, each answered 200. */
    static Stats time(URI uri, int requests) throws Exception {
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

    /** The JVM flags the container and the README's demo command start with. */
    static final String JVM_OPTIONS = "@deploy/jvm.options";
    /** The class-data archive package writes ({@code cds-archive}). */
    static final Path ARCHIVE = Path.of("target", "quarkus-app", io.pipewatch.ops.ClassArchiveCommand.DEFAULT_NAME);

    /** Starting with the archive, when package wrote one. */
    static List<String> archiveFlags() {
        return Files.exists(ARCHIVE) ? List.of("-XX:SharedArchiveFile=" + ARCHIVE) : List.of();
    }

    /** The JVM flags the README's demo command starts the jar with: deploy/jvm.options, and the archive. */
    static List<String> readmeFlags() {
        return io.pipewatch.testing.PackagedJar.readmeFlags();
    }

    static BenchApp start(Path jar, List<String> jvmFlags, Map<String, String> env) throws Exception {
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
        builder.environment().putAll(env);
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
        return new BenchApp(process, port, (System.nanoTime() - start) / 1_000_000);
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
