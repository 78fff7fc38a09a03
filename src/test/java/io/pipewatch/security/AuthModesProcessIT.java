package io.pipewatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.OidcStandIn;
import io.pipewatch.testing.PackagedJar;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each login mode of the packaged jar, set up as the README says: {@code users add} then basic, a trusted
 * proxy's headers, an OpenID Connect provider's bearer tokens (a local stand-in with its own keys), and aws
 * mode refusing to start until a mode is chosen.
 */
class AuthModesProcessIT {

    private static final String SILENCE = "{\"matchers\":[\"alarm=auth-modes\"],\"duration\":\"1h\",\"comment\":\"process test\"}";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void basicModeWithAUserWrittenByTheJarsOwnCli() throws Exception {
        Path users = dir.resolve("users.txt");
        Process add = new ProcessBuilder(PackagedJar.command("users", "add", "ana", "--role", "responder", "--file",
                users.toString())).redirectErrorStream(true).start();
        add.getOutputStream().write("ana's long password\n".getBytes(StandardCharsets.UTF_8));
        add.getOutputStream().close();
        assertTrue(add.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, add.exitValue(), new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        try (var app = App.start(dir, Map.of("PIPEWATCH_AUTH_MODE", "basic", "PIPEWATCH_AUTH_USERS_FILE", users.toString()))) {
            assertEquals(401, send(app, "GET", "/api/alerts", Map.of(), null).statusCode());
            String basic = "Basic " + Base64.getEncoder().encodeToString("ana:ana's long password".getBytes(StandardCharsets.UTF_8));
            var created = send(app, "POST", "/api/silences", Map.of("Authorization", basic, "Content-Type", "application/json"), SILENCE);
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"createdBy\":\"ana\""), created.body());
            assertEquals(415, send(app, "POST", "/api/silences", Map.of("Authorization", basic), SILENCE).statusCode(),
                    "no Content-Type: the shape of a cross-site no-cors POST");
            assertEquals(415, send(app, "POST", "/api/silences", Map.of("Authorization", basic, "Content-Type", "text/plain"),
                    SILENCE).statusCode());
            var crossSite = send(app, "POST", "/api/silences", Map.of("Authorization", basic, "Content-Type", "application/json",
                    "Origin", "https://evil.example"), SILENCE);
            assertEquals(403, crossSite.statusCode(), crossSite.body());
            assertTrue(app.log().contains("Login: basic"), app.log());
        }
    }

    @Test
    void proxyModeBelievesItsHeadersOnlyFromTheProxy() throws Exception {
        try (var app = App.start(dir, Map.of("PIPEWATCH_AUTH_MODE", "proxy", "PIPEWATCH_AUTH_PROXY_TRUSTED_ADDRESSES", "127.0.0.1/32",
                "PIPEWATCH_AUTH_PROXY_ROLES_HEADER", "X-Forwarded-Groups"))) {
            assertEquals(401, send(app, "GET", "/api/me", Map.of(), null).statusCode(), "no header, no user");
            var me = send(app, "GET", "/api/me", Map.of("X-Forwarded-User", "bo@example.com"), null);
            assertTrue(me.body().contains("\"name\":\"bo@example.com\"") && me.body().contains("\"canRespond\":false"), me.body());
            assertEquals(403, send(app, "POST", "/api/silences", Map.of("X-Forwarded-User", "bo@example.com",
                    "Content-Type", "application/json"), SILENCE).statusCode(), "default role viewer");
            var created = send(app, "POST", "/api/silences", Map.of("X-Forwarded-User", "ana@example.com",
                    "X-Forwarded-Groups", "responder", "Content-Type", "application/json"), SILENCE);
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"createdBy\":\"ana@example.com\""), created.body());
        }
        try (var app = App.start(dir, Map.of("PIPEWATCH_AUTH_MODE", "proxy", "PIPEWATCH_AUTH_PROXY_TRUSTED_ADDRESSES", "10.9.9.9"))) {
            assertEquals(401, send(app, "GET", "/api/me", Map.of("X-Forwarded-User", "admin"), null).statusCode(),
                    "a direct connection naming a user is refused");
            assertTrue(app.log().contains("Refused a request claiming a user"), app.log());
        }
    }

    @Test
    void oidcModeTakesBearerTokensFromTheProviderAndSendsBrowsersToItsLogin() throws Exception {
        try (var provider = new OidcStandIn();
                var app = App.start(dir, Map.of("PIPEWATCH_AUTH_MODE", "oidc", "QUARKUS_OIDC_AUTH_SERVER_URL", provider.issuer(),
                        "QUARKUS_OIDC_CLIENT_ID", "pipewatch"))) {
            var me = send(app, "GET", "/api/me", Map.of("Authorization", "Bearer " + provider.token("cy", List.of("responder"))), null);
            assertEquals(200, me.statusCode(), me.body());
            assertTrue(me.body().contains("\"name\":\"cy\"") && me.body().contains("\"canRespond\":true"), me.body());
            var created = send(app, "POST", "/api/silences", Map.of("Authorization", "Bearer " + provider.token("cy", List.of("responder")),
                    "Content-Type", "application/json"), SILENCE);
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"createdBy\":\"cy\""), created.body());
            assertEquals(403, send(app, "POST", "/api/silences", Map.of("Authorization", "Bearer " + provider.token("vi", List.of("viewer")),
                    "Content-Type", "application/json"), SILENCE).statusCode(), "a viewer's token cannot act");
            assertEquals(401, send(app, "GET", "/api/me", Map.of("Authorization", "Bearer "
                    + provider.forgedToken("cy", List.of("admin"))), null).statusCode(), "signed by a key the provider never published");
            var browser = send(app, "GET", "/", Map.of(), null);
            assertEquals(302, browser.statusCode());
            assertTrue(browser.headers().firstValue("Location").orElse("").startsWith(provider.issuer() + "/authorize"),
                    browser.headers().toString());
        }
    }

    @Test
    void aLoginThatCannotWorkStopsTheStartWithOneLine() throws Exception {
        assertRefused(Map.of("PIPEWATCH_MODE", "aws", "AWS_REGION", "eu-west-1"),
                "pipewatch.auth.mode (PIPEWATCH_AUTH_MODE): aws mode needs a login");
        assertRefused(Map.of("PIPEWATCH_AUTH_MODE", "oidc"), "quarkus.oidc.auth-server-url (QUARKUS_OIDC_AUTH_SERVER_URL): oidc mode needs");
        assertRefused(Map.of("PIPEWATCH_AUTH_MODE", "basic"), "pipewatch.auth.users-file (PIPEWATCH_AUTH_USERS_FILE): basic mode needs");
        assertRefused(Map.of("PIPEWATCH_AUTH_MODE", "proxy"), "pipewatch.auth.proxy.trusted-addresses");
    }

    private void assertRefused(Map<String, String> env, String line) throws Exception {
        Path log = Files.createTempFile(dir, "refused", ".log");
        var builder = new ProcessBuilder(PackagedJar.command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("PIPEWATCH_AUTH_MODE");
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(freePort()),
                "PIPEWATCH_STORE_PATH", Files.createTempDirectory(dir, "store").toString()));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not exit");
        String out = Files.readString(log);
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.contains(line), "missing «" + line + "» in:\n" + out);
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
    }

    private HttpResponse<String> send(App app, String method, String path, Map<String, String> headers, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The packaged jar in demo mode on a free port with its own store, ready when its health answers. */
    private record App(Process process, int port, Path logFile) implements AutoCloseable {
        static App start(Path dir, Map<String, String> env) throws Exception {
            int port = freePort();
            Path log = Files.createTempFile(dir, "app", ".log");
            var builder = new ProcessBuilder(PackagedJar.command()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                    "PIPEWATCH_STORE_PATH", Files.createTempDirectory(dir, "store").toString()));
            builder.environment().putAll(env);
            App app = new App(builder.start(), port, log);
            var http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && app.process.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return app;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            app.close();
            throw new AssertionError("Pipewatch did not start:\n" + app.log());
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
