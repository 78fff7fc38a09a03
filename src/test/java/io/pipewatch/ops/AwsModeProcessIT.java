package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.PackagedJar;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code PIPEWATCH_MODE=aws} with no AWS region: the packaged jar stays up and says in one clear line, in its status
 * and on every page it cannot serve, why it cannot reach its store (and so cannot take the replicas' lease and lead,
 * nor show alerts it cannot know); it prints no stack trace.
 */
class AwsModeProcessIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void withoutARegionItCannotLeadAndEveryPageSaysWhy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("pipewatch-aws", ".log");
        var builder = new ProcessBuilder(PackagedJar.command())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE"}) {
            builder.environment().remove(variable);
        }
        builder.environment().put("AWS_CONFIG_FILE", "/nonexistent");
        builder.environment().put("PIPEWATCH_MODE", "aws");
        builder.environment().put("PIPEWATCH_AUTH_MODE", "none");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        try {
            String status = Awaitility.await("/api/status to say why it cannot lead").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> get(port, "/api/status"), answer -> answer.contains("no AWS region configured"));
            assertTrue(status.contains("\"mode\":\"aws\""), status);
            assertTrue(status.contains("no AWS region configured: set AWS_REGION"), status);
            assertTrue(status.contains("\"leader\":false"), "without a store to hold the lease in, it cannot lead: " + status);
            assertEquals(503, code(port, "/"), "no page that would read as all clear");
            assertTrue(get(port, "/").contains("cannot read the lease: no AWS region configured"), get(port, "/"));
            assertEquals(200, code(port, "/q/health/ready"), "a replica that cannot lead is still ready, and says why");
            String out = Files.readString(log);
            assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
            assertFalse(out.contains("DynamoDB Local"), "no embedded store in aws mode:\n" + out);
            assertTrue(out.lines().anyMatch(l -> l.contains("WARN") && l.contains("Login: none (PIPEWATCH_AUTH_MODE=none)")),
                    "an open aws-mode service is announced as a warning:\n" + out);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notYet) {
            return "";
        }
    }

    private int code(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
