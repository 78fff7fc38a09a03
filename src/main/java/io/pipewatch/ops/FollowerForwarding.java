package io.pipewatch.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewatch.replica.Leadership;
import io.pipewatch.security.AuthConfig;
import io.pipewatch.security.AuthMode;
import io.pipewatch.security.TrustedProxy;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A follower serves the leader's pages and APIs by forwarding each request to it, as it came (method, path, headers,
 * body, the Host it was sent to), and the answer back as it comes (server-sent events included): viewers of any
 * replica see the data the one poller holds and cost no CloudWatch call, and logins, acknowledgements and silences
 * are checked and applied by the leader, where the alerts live. A follower answers itself only its health and metrics,
 * SNS (held in the store for the leader), static files, and {@code /api/status}, which is the leader's with this
 * replica's own {@code replica}. With no leader to ask (a takeover under way) it answers 503 with Retry-After.
 */
@ApplicationScoped
public class FollowerForwarding {

    /** Marks a forwarded request, so that it is never forwarded again (two replicas that disagree about the leader). */
    static final String FORWARDED_BY = "X-Pipewatch-Forwarded-By";
    static final int PRIORITY = SecurityHandlerPriorities.CORS + 100;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    private static final int RETRY_AFTER_SECONDS = 5;
    /**
     * How long a forwarded request may wait on the leader without a byte: a leader that is paused still has its port
     * accepting connections, and a viewer must not wait forever behind it. Live pages (server-sent events) have no
     * limit: they are quiet between cycles, and they end when the leader's process does.
     */
    static final long ANSWER_TIMEOUT_MILLIS = 10_000;

    private final Leadership leadership;
    /**
     * Resolved on a follower's first {@code /api/status}: a sole replica never forwards, and building Jackson's mapper
     * while the filters are registered put ~550 classes on the start-up path (docs/performance.md, "Start-up").
     */
    private final Supplier<ObjectMapper> json;
    private final Optional<TrustedProxy> proxy;
    private final Optional<String> proxyUserHeader;
    private final long answerTimeoutMillis;
    private HttpClient client;

    @jakarta.inject.Inject
    public FollowerForwarding(Leadership leadership, Instance<ObjectMapper> json, AuthConfig auth) {
        this(leadership, json::get, auth.mode().filter(m -> m == AuthMode.PROXY).map(m -> auth.proxy()), ANSWER_TIMEOUT_MILLIS);
    }

    /** @param proxy proxy mode's settings, when it is the mode */
    FollowerForwarding(Leadership leadership, Supplier<ObjectMapper> json, Optional<AuthConfig.Proxy> proxy,
            long answerTimeoutMillis) {
        this.leadership = leadership;
        this.json = json;
        this.proxy = proxy.map(TrustedProxy::from);
        this.proxyUserHeader = proxy.map(AuthConfig.Proxy::userHeader);
        this.answerTimeoutMillis = answerTimeoutMillis;
    }

    void register(@Observes Filters filters, Vertx vertx) {
        if (leadership.alone()) {
            return; // no other replica to forward to, ever: no client, and no filter on every request
        }
        start(vertx);
        filters.register(this::route, PRIORITY);
    }

    /** Builds the client that forwards; before the first request. */
    void start(Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000).setKeepAlive(true)
                .setMaxPoolSize(1_000).setIdleTimeout(0)); // a live page holds its connection for as long as it is open
    }

    /** Whether a follower answers this path itself. */
    static boolean servedLocally(String path) {
        return path.startsWith("/q/") || path.equals("/webhooks/sns") || path.startsWith("/static/")
                || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    /** Answers here ({@code context.next()}), forwards, or refuses. */
    void route(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (leadership.leading() || servedLocally(path) || request.getHeader(FORWARDED_BY) != null) {
            context.next();
            return;
        }
        Optional<String> leader = leadership.leaderUrl();
        boolean status = path.equals("/api/status");
        if (leader.isEmpty()) {
            if (status) {
                context.next(); // this replica's own view: no leader yet, and why (its lease's last error)
            } else {
                // Never this replica's own empty pages instead: "no alerts" would read as all clear.
                String why = Optional.ofNullable(leadership.status().lastError()).map(e -> "this replica cannot read the lease: " + e)
                        .orElse("a takeover is under way");
                refuse(context, 503, "no replica leads at the moment (" + why + "); try again");
            }
            return;
        }
        if (proxy.isPresent() && request.getHeader(proxyUserHeader.get()) != null) {
            // The leader trusts this replica's address as a proxy's: it must not lend that trust to a caller it has not.
            try {
                proxy.get().user(request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress(), request::getHeader);
            } catch (TrustedProxy.Untrusted untrusted) {
                refuse(context, 403, untrusted.getMessage());
                return;
            }
        }
        forward(context, URI.create(leader.get()), status);
    }

    private void forward(RoutingContext context, URI leader, boolean status) {
        HttpServerRequest in = context.request();
        in.pause();
        boolean https = "https".equalsIgnoreCase(leader.getScheme());
        int port = leader.getPort() > 0 ? leader.getPort() : https ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(leader.getHost()).setPort(port)
                .setSsl(https).setURI(in.uri()).setFollowRedirects(false);
        String accept = in.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains("text/event-stream")) {
            options.setIdleTimeout(answerTimeoutMillis);
        }
        client.request(options).onFailure(e -> unreachable(context, leader, e, status)).onSuccess(out -> {
            copyHeaders(in.headers(), out.headers());
            // The Host the user sent, not the leader's address: the leader's same-origin guard and login redirects read it.
            out.headers().remove(HttpHeaders.HOST);
            if (in.authority() != null) {
                out.authority(in.authority());
            }
            String forwardedFor = in.getHeader("X-Forwarded-For");
            String peer = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
            out.putHeader("X-Forwarded-For", forwardedFor == null ? peer : forwardedFor + ", " + peer);
            out.putHeader(FORWARDED_BY, leadership.status().id());
            boolean bodyless = in.getHeader(HttpHeaders.CONTENT_LENGTH) == null && in.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
            if (bodyless) {
                out.putHeader(HttpHeaders.CONTENT_LENGTH, "0");
            }
            var sent = bodyless ? out.send() : out.send(in);
            sent.onFailure(e -> unreachable(context, leader, e, status)).onSuccess(answer -> {
                if (status && answer.statusCode() == 200) {
                    answerStatus(context, answer);
                } else {
                    relay(context, answer);
                }
            });
        });
    }

    private void relay(RoutingContext context, HttpClientResponse answer) {
        var response = context.response();
        response.setStatusCode(answer.statusCode());
        response.setStatusMessage(answer.statusMessage());
        copyHeaders(answer.headers(), response.headers());
        if (answer.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        // A viewer who leaves a live page closes the stream to the leader too, not only the one to this replica.
        response.closeHandler(closed -> answer.request().reset());
        answer.pipeTo(response);
    }

    /** The leader's status, with this replica as {@code replica}: which replica answers is the point of asking. */
    private void answerStatus(RoutingContext context, HttpClientResponse answer) {
        answer.body().onFailure(e -> unreachable(context, URI.create(leadership.leaderUrl().orElse("")), e, true)).onSuccess(body -> {
            try {
                ObjectMapper mapper = json.get();
                ObjectNode status = (ObjectNode) mapper.readTree(body.getBytes());
                status.set("replica", mapper.valueToTree(leadership.status()));
                context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(Buffer.buffer(mapper.writeValueAsBytes(status)));
            } catch (java.io.IOException | ClassCastException e) {
                refuse(context, 502, "the leader's status was not JSON");
            }
        });
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /** The leader did not answer: 503, except for the status, which this replica then answers itself (and says why). */
    private void unreachable(RoutingContext context, URI leader, Throwable e, boolean status) {
        Log.warnf("Cannot forward %s %s to the leader at %s: %s", context.request().method(), context.request().path(), leader,
                e.getMessage());
        if (status && !context.response().headWritten()) {
            context.request().resume();
            context.next();
            return;
        }
        refuse(context, 503, "the leader cannot be reached (a takeover may be under way); try again");
    }

    private static void refuse(RoutingContext context, int status, String error) {
        if (context.response().headWritten()) {
            context.response().reset();
            return;
        }
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (status == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        response.end(new io.vertx.core.json.JsonObject().put("error", error).encode());
    }
}
