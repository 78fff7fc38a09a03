package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.replica.Fence;
import io.pipewatch.replica.Leadership;
import io.pipewatch.replica.ReplicaStatus;
import io.pipewatch.security.AuthConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A follower's forwarding, between real HTTP servers: a stand-in leader that records what reached it, and a follower
 * whose router has the forwarding in front of a handler that answers {@code local}.
 */
class FollowerForwardingTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> leaderSaw = new ConcurrentHashMap<>();
    private final FakeLeadership leadership = new FakeLeadership();
    private HttpServer leader;
    private HttpServer follower;

    /** Whether this replica leads, whom it follows, and why it knows no leader: set by each test. */
    private static final class FakeLeadership implements Leadership {
        volatile boolean leading;
        volatile String leaderUrl;
        volatile String lastError;

        @Override
        public boolean leading() {
            return leading;
        }

        @Override
        public Fence fence() {
            return leading ? new Fence.Token("follower", 1) : new Fence.NotLeading();
        }

        @Override
        public ReplicaStatus status() {
            return new ReplicaStatus("follower", leading, leaderUrl == null ? null : "leader", null, lastError);
        }

        @Override
        public Optional<String> leaderUrl() {
            return Optional.ofNullable(leaderUrl);
        }

        @Override
        public void whenLeading(Runnable duties) {
        }

        @Override
        public void whenDeposed(Consumer<String> deposed) {
        }
    }

    private void start(Optional<AuthConfig.Proxy> proxy) throws Exception {
        leader = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().equals("/hang")) {
                return; // a paused leader: the connection is accepted, nothing comes back
            }
            leaderSaw.put("method", request.method().name());
            leaderSaw.put("host", String.valueOf(request.getHeader("Host")));
            leaderSaw.put("forwardedBy", String.valueOf(request.getHeader(FollowerForwarding.FORWARDED_BY)));
            leaderSaw.put("forwardedFor", String.valueOf(request.getHeader("X-Forwarded-For")));
            leaderSaw.put("cookie", String.valueOf(request.getHeader("Cookie")));
            leaderSaw.put("body", body.toString());
            if (request.path().equals("/api/status")) {
                request.response().putHeader("Content-Type", "application/json")
                        .end("{\"mode\":\"aws\",\"sources\":[{\"source\":\"cloudwatch\"}],\"replica\":{\"id\":\"leader\",\"leader\":true}}");
            } else {
                request.response().setStatusCode(201).putHeader("Set-Cookie", "s=1").end("leader answered " + request.uri());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        FollowerForwarding forwarding = new FollowerForwarding(leadership, () -> JSON, proxy, 500);
        forwarding.start(vertx);
        Router router = Router.router(vertx);
        router.route().handler(forwarding::route);
        router.route().handler(context -> context.response().end("local"));
        follower = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        leadership.leaderUrl = "http://127.0.0.1:" + leader.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + follower.actualPort() + path));
    }

    @Test
    void aFollowerForwardsTheRequestAsItCameAndTheAnswerAsItCame() throws Exception {
        start(Optional.empty());
        var answer = send(to("/api/silences?all=true").header("Cookie", "q_session=abc")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"matchers\":[]}")));
        assertEquals(201, answer.statusCode());
        assertEquals("leader answered /api/silences?all=true", answer.body());
        assertEquals(Optional.of("s=1"), answer.headers().firstValue("Set-Cookie"));
        assertEquals("POST", leaderSaw.get("method"));
        assertEquals("{\"matchers\":[]}", leaderSaw.get("body"));
        assertEquals("q_session=abc", leaderSaw.get("cookie"), "the login travels with the request");
        assertEquals("127.0.0.1:" + follower.actualPort(), leaderSaw.get("host"), "the Host the user sent, for origin checks");
        assertEquals("follower", leaderSaw.get("forwardedBy"));
        assertEquals("127.0.0.1", leaderSaw.get("forwardedFor"));
    }

    @Test
    void theLeaderAndWhatIsAlwaysLocalAreAnsweredHere() throws Exception {
        start(Optional.empty());
        for (String path : List.of("/q/health/ready", "/q/metrics", "/static/app.js")) {
            assertEquals("local", send(to(path)).body(), path);
        }
        assertEquals("local", send(to("/webhooks/sns").POST(HttpRequest.BodyPublishers.ofString("{}"))).body(),
                "SNS is held by the replica it reached");
        assertEquals("local", send(to("/").header(FollowerForwarding.FORWARDED_BY, "other")).body(),
                "a request forwarded once is never forwarded again");
        leadership.leading = true;
        assertEquals("local", send(to("/")).body());
        assertTrue(leaderSaw.isEmpty(), "nothing reached the leader: " + leaderSaw);
    }

    @Test
    void theStatusIsTheLeadersWithThisReplicaAsReplica() throws Exception {
        start(Optional.empty());
        JsonNode status = JSON.readTree(send(to("/api/status")).body());
        assertEquals("cloudwatch", status.path("sources").path(0).path("source").asText(), "the leader's sources");
        assertEquals("follower", status.path("replica").path("id").asText());
        assertEquals(false, status.path("replica").path("leader").asBoolean());
        assertEquals("leader", status.path("replica").path("leaderId").asText());
    }

    @Test
    void withNoLeaderKnownPagesAre503WithTheReasonAndTheStatusIsThisReplicasOwn() throws Exception {
        start(Optional.empty());
        leadership.leaderUrl = null;
        leadership.lastError = "no AWS region configured: set AWS_REGION";
        var page = send(to("/dashboards/demo-pipeline"));
        assertEquals(503, page.statusCode());
        assertEquals(Optional.of("5"), page.headers().firstValue("Retry-After"));
        assertTrue(page.body().contains("this replica cannot read the lease: no AWS region configured"), page.body());
        assertEquals("local", send(to("/api/status")).body());
    }

    @Test
    void aLeaderThatDoesNotAnswerIsGivenUpOnAndTheStatusFallsBackToThisReplica() throws Exception {
        start(Optional.empty());
        var page = send(to("/hang"));
        assertEquals(503, page.statusCode(), page.body());
        assertTrue(page.body().contains("the leader cannot be reached"), page.body());
        leader.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("local", send(to("/api/status")).body(), "the leader is gone: this replica's own status");
    }

    @Test
    void inProxyModeIdentityHeadersAreForwardedOnlyFromATrustedProxy() throws Exception {
        start(Optional.of(proxy("10.0.0.0/8")));
        var untrusted = send(to("/").header("X-Forwarded-User", "mallory"));
        assertEquals(403, untrusted.statusCode());
        assertTrue(untrusted.body().contains("not a trusted proxy address"), untrusted.body());
        assertTrue(leaderSaw.isEmpty(), "never reached the leader, which trusts this replica's address");
        assertEquals("leader answered /", send(to("/")).body(), "without the header it is forwarded");
    }

    @Test
    void inProxyModeATrustedProxysIdentityIsForwarded() throws Exception {
        start(Optional.of(proxy("127.0.0.1/32")));
        assertEquals("leader answered /", send(to("/").header("X-Forwarded-User", "ana")).body());
    }

    private static AuthConfig.Proxy proxy(String trusted) {
        return new AuthConfig.Proxy() {
            @Override
            public String userHeader() {
                return "X-Forwarded-User";
            }

            @Override
            public Optional<String> rolesHeader() {
                return Optional.empty();
            }

            @Override
            public List<String> defaultRoles() {
                return List.of("viewer");
            }

            @Override
            public Optional<List<String>> trustedAddresses() {
                return Optional.of(List.of(trusted));
            }
        };
    }
}
