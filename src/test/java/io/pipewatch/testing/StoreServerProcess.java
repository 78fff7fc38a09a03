package io.pipewatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar's {@code store-server}, in memory on a port the kernel picks, for replicas under test to share. */
public final class StoreServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+),");

    private final Process process;
    private final URI endpoint;

    private StoreServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static StoreServerProcess start() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PackagedJar.command("store-server", "--port", "0", "--path", "memory"))
                .redirectErrorStream(true).start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> listening = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = reader.readLine()) != null;) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
            listening.completeExceptionally(new IllegalStateException("store-server ended before it listened"));
        }, "store-server-output");
        drain.setDaemon(true);
        drain.start();
        try {
            return new StoreServerProcess(process, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (seen) {
                throw new IllegalStateException("store-server did not start: " + seen, e);
            }
        }
    }

    /** For {@code AWS_ENDPOINT_URL_DYNAMODB}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
