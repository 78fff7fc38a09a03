package io.pipewatch.ops;

import io.pipewatch.config.CommandLines;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cds-archive}: a class-data sharing archive of a real start of this jar. Most of a start on two cores is the
 * JVM loading, verifying and linking the ~11,000 classes Quarkus and Pipewatch touch; with the archive the JVM maps
 * them ready-made (docs/performance.md, "Start-up"). Quarkus's own AppCDS option records only its static
 * initialisation, so the archive is made here from a whole start: this jar started as a throwaway demo on loopback
 * (a store of its own in a temporary directory; no receivers, login, replicas or shared store, whatever the
 * environment says), waited for until it is ready and every source has polled, its pages and APIs opened once, then
 * stopped, when the JVM writes what it loaded ({@code -XX:ArchiveClassesAtExit}).
 *
 * <p>The archive fits this jar and this JVM only: a rebuilt jar or another JVM makes the JVM ignore it with a warning,
 * never fail. Exit status: 0 written, 1 usage, 2 the file cannot be written, 3 the start it records failed.
 */
@Command(name = "cds-archive", mixinStandardHelpOptions = true, version = "pipewatch cds-archive 0.1",
        description = "Write a class-data sharing archive of a start of this jar; start with "
                + "java -XX:SharedArchiveFile=<file> -jar quarkus-run.jar.")
public final class ClassArchiveCommand implements Callable<Integer> {

    static final int UNWRITABLE = 2;
    static final int START_FAILED = 3;
    /** The archive's name beside the jar when {@code --file} is not given. */
    public static final String DEFAULT_NAME = "pipewatch.jsa";
    /** What a viewer and an operator open first: their classes belong in the archive too. */
    static final List<String> VISITS = List.of("/", "/alerts", "/runbooks", "/api/status", "/api/alerts",
            "/api/incidents", "/api/silences", "/api/me", "/q/health", "/q/metrics");
    /** Settings that would make the recorded start reach beyond this machine or need a login. */
    private static final List<String> LEFT_OUT = List.of("PIPEWATCH_SLACK_", "PIPEWATCH_RECEIVERS_", "PIPEWATCH_AUTH_",
            "PIPEWATCH_REPLICA_", "PIPEWATCH_ROUTES", "AWS_ENDPOINT_URL", "QUARKUS_HTTP_", "QUARKUS_OIDC_");
    private static final Pattern DASHBOARD_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final long POLL_MILLIS = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", description = "where to write the archive (default: " + DEFAULT_NAME + " beside the jar)")
    Path file;

    @Option(names = "--wait-seconds", defaultValue = "120",
            description = "how long the recorded start may take to be ready (default ${DEFAULT-VALUE})")
    int waitSeconds;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClassArchiveCommand() {
    }

    public static int run(String... args) {
        return CommandLines.of(new ClassArchiveCommand(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)).execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            err.println("cds-archive: run it from the packaged jar: java -jar target/quarkus-app/quarkus-run.jar cds-archive");
            return CommandLines.USAGE;
        }
        if (waitSeconds <= 0) {
            err.println("--wait-seconds: " + waitSeconds + " is not a number of seconds above 0");
            return CommandLines.USAGE;
        }
        Path archive = (file != null ? file : jar.resolveSibling(DEFAULT_NAME)).toAbsolutePath();
        Path directory = archive.getParent();
        if (!Files.isDirectory(directory) || !Files.isWritable(directory) || Files.isDirectory(archive)) {
            err.println("--file: " + archive + " cannot be written (" + directory + " is not a writable directory)");
            return UNWRITABLE;
        }
        // The JVM writes its archives read-only; a second run replaces the first rather than failing to open it.
        Files.deleteIfExists(archive);
        Path work = Files.createTempDirectory("pipewatch-cds-");
        try {
            return record(jar, archive, work, out, err);
        } finally {
            deleteTree(work);
        }
    }

    private int record(Path jar, Path archive, Path work, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = work.resolve("start.log");
        ProcessBuilder builder = new ProcessBuilder(command(jar, archive)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        recordedEnvironment(builder.environment(), work.resolve("data"), port);
        out.println("Recording a start of " + jar.getFileName() + " (a throwaway demo on 127.0.0.1:" + port + ") …");
        Process start = builder.start();
        String failure = null;
        try {
            failure = awaitReady(start, port);
            if (failure == null) {
                visit(port);
            }
        } finally {
            start.destroy(); // SIGTERM: Quarkus stops cleanly and the JVM writes the archive as it exits
            if (!start.waitFor(60, TimeUnit.SECONDS)) {
                start.destroyForcibly();
                failure = failure != null ? failure : "it did not stop within 60 s of SIGTERM";
            }
        }
        if (failure == null && (!Files.isRegularFile(archive) || Files.size(archive) == 0)) {
            failure = "the JVM wrote no archive";
        }
        if (failure != null) {
            err.println("cds-archive: the start it records failed: " + failure + "; its last lines:");
            try (Stream<String> lines = Files.lines(log)) {
                List<String> all = lines.toList();
                all.subList(Math.max(0, all.size() - 20), all.size()).forEach(line -> err.println("  " + line));
            }
            Files.deleteIfExists(archive);
            return START_FAILED;
        }
        out.printf("Wrote %s (%d MB), for this jar on this JVM. Start with:%n  java -XX:SharedArchiveFile=%s -jar %s%n",
                archive, Files.size(archive) >> 20, archive, jar);
        return 0;
    }

    /**
     * This JVM, with the JVM flags it was given (the archive is for the way the service is started, such as
     * {@code @deploy/jvm.options}), recording at exit. System properties stay behind: one may name a receiver.
     */
    private static List<String> command(Path jar, Path archive) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("-X") && !flag.startsWith("-XX:SharedArchiveFile")
                        && !flag.startsWith("-XX:ArchiveClassesAtExit"))
                .forEach(command::add);
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        // Else it warns of each class it leaves out (hundreds, loaded but never linked), burying the start's own lines.
        command.add("-Xlog:cds=error");
        command.add("-jar");
        command.add(jar.toString()); // absolute: the archive then fits however the jar is named at start
        return command;
    }

    static void recordedEnvironment(Map<String, String> environment, Path store, int port) {
        environment.keySet().removeIf(name -> LEFT_OUT.stream().anyMatch(name::startsWith));
        environment.put("PIPEWATCH_MODE", "demo");
        environment.put("PIPEWATCH_STORE_PATH", store.toString());
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    }

    /** Null once ready with every source polled, else why not. */
    private String awaitReady(Process start, int port) throws InterruptedException {
        long attempts = TimeUnit.SECONDS.toMillis(waitSeconds) / POLL_MILLIS;
        for (long i = 0; i < attempts; i++) {
            HttpResponse<String> ready = get(port, "/q/health/ready");
            if (ready != null && ready.statusCode() == 200 && !ready.body().contains("\"starting\"")) {
                return null;
            }
            // The pause between two asks, cut short by a start that gives up.
            if (start.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return "it exited with status " + start.exitValue();
            }
        }
        return "not ready with every source polled within " + waitSeconds + " s";
    }

    private void visit(int port) {
        List<String> paths = new ArrayList<>(VISITS);
        HttpResponse<String> dashboards = get(port, "/api/dashboards"); // visited, and the first dashboard's pages too
        if (dashboards != null) {
            Matcher id = DASHBOARD_ID.matcher(dashboards.body());
            if (id.find()) {
                paths.add("/dashboards/" + id.group(1));
                paths.add("/api/dashboards/" + id.group(1) + "/data");
            }
        }
        paths.forEach(path -> get(port, path));
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
