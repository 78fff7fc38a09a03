package io.pipewatch.source.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.config.Wall;
import io.pipewatch.replica.Leadership;
import io.vertx.core.http.HttpServerRequest;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * {@code POST /webhooks/sns}: the HTTP(S) endpoint of an SNS subscription carrying CloudWatch alarm state
 * changes. Nothing acts on a message before {@link SnsVerifier} accepted it; a refused one gets 403 and a
 * log line. A body larger than any SNS message gets 413 before it is parsed or its signature checked. A notification is answered only once its alert is recorded in the store, and a redelivered
 * {@code MessageId} changes nothing.
 */
@Path("/webhooks/sns")
public class SnsResource {

    private final SubscribeUrlPolicy subscribeUrls;
    /**
     * SNS's own message limit. The envelope (signature, URLs, escaping) adds to a message, but a CloudWatch
     * alarm is a few kilobytes, so a genuine one is far below; a body above it is nothing Pipewatch could use,
     * and parsing and verifying 10 MB cost 1.5 s of CPU.
     */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final SnsVerifier verifier;
    private final AlarmIntake intake;
    private final HeldMessages held;
    private final Leadership leadership;
    private final SnsHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry registry;

    public SnsResource(SnsVerifier verifier, AlarmIntake intake, HeldMessages held,
            Leadership leadership, SnsHttp http, ObjectMapper json, @Wall Clock clock, MeterRegistry registry,
            io.pipewatch.config.PipewatchConfig config) {
        this.subscribeUrls = new SubscribeUrlPolicy(config.sns().verifySignatures(), config.sns().confirmHosts().orElse(List.of()));
        this.verifier = verifier;
        this.intake = intake;
        this.held = held;
        this.leadership = leadership;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * SNS posts JSON as {@code text/plain}; both are taken. A body above the server's limit (1 MB) is refused by the
     * server before it is read; up to that it is read whole and refused here above SNS's own limit, whether it came
     * with a Content-Length or chunked.
     *
     * <p>A redelivery (bytes verified before, the message id among those handled lately, in memory) is answered on
     * the event loop: a digest and two lookups. Everything else — a signature to check, the store to ask or write —
     * runs on a worker thread.
     */
    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> receive(byte[] bytes, @HeaderParam("Content-Length") String declaredLength,
            @Context HttpServerRequest request) {
        if (declaresMoreThanLimit(declaredLength)) {
            return Uni.createFrom().item(tooLarge(request, "Content-Length " + declaredLength.strip()));
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return Uni.createFrom().item(tooLarge(request, "more than " + MAX_BODY_BYTES + " bytes sent"));
        }
        Optional<String> redelivered = verifier.redelivered(bytes).filter(intake::seenRecently);
        if (redelivered.isPresent()) {
            count("duplicate");
            return Uni.createFrom().item(ok("duplicate " + redelivered.get()));
        }
        String sender = sender(request);
        return Uni.createFrom().item(() -> receive(bytes, sender)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response receive(byte[] bytes, String sender) {
        SnsEnvelope message;
        try {
            message = verifier.verify(bytes);
        } catch (RefusedSnsMessage refused) {
            count("refused");
            // The reason may quote the sender's fields: one line, bounded.
            String reason = refused.getMessage().replaceAll("\\s+", " ");
            reason = reason.length() > 300 ? reason.substring(0, 300) + "…" : reason;
            Log.warnf("Refused an SNS message from %s: %s", sender, reason);
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN).entity("refused: " + reason + "\n").build();
        }
        if (!verifier.verifiesSignatures()) {
            count("unverified");
        }
        return switch (message.type()) {
            case SUBSCRIPTION_CONFIRMATION -> confirm(message);
            case UNSUBSCRIBE_CONFIRMATION -> {
                Log.warnf("SNS says the subscription to %s was removed; alarms on it no longer reach Pipewatch", message.topicArn());
                yield ok("unsubscribe noted");
            }
            case NOTIFICATION -> notification(message);
        };
    }

    private Response notification(SnsEnvelope message) {
        String seenKey = message.messageId();
        if (intake.seen(seenKey)) {
            count("duplicate");
            return ok("duplicate " + message.messageId());
        }
        CloudWatchAlarmMessage alarm;
        try {
            alarm = CloudWatchAlarmMessage.parse(message.message(), json);
        } catch (IllegalArgumentException e) {
            // Signed by SNS, so not forged: another publisher on the topic. Answered 200, or SNS retries it for nothing.
            count("not-an-alarm");
            Log.warnf("SNS message %s on %s is not a CloudWatch alarm (%s); ignored", message.messageId(), message.topicArn(),
                    e.getMessage());
            return ok("not a CloudWatch alarm state change");
        }
        if (!leadership.leading()) {
            return hold(message);
        }
        boolean current = intake.act(seenKey, alarm) == AlarmIntake.Outcome.ACCEPTED;
        return ok(current ? "recorded" : "older than the alert's current state; ignored");
    }

    /**
     * A follower changes no alert: it keeps the message in the store for the leader and answers once it is kept. With
     * the store down it answers 503, and SNS tries again (it could neither act nor keep it).
     */
    private Response hold(SnsEnvelope message) {
        try {
            held.hold(message.messageId(), message.message(), clock.instant().plus(AlarmIntake.REMEMBERED));
        } catch (RuntimeException storeDown) {
            count("unheld");
            Log.warnf("Cannot hold SNS message %s for the leader (%s); SNS will send it again", message.messageId(),
                    storeDown.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN)
                    .entity("store unavailable; send it again\n").build();
        }
        count("held");
        return ok("held for the leader");
    }

    /** Confirms only what the verifier let through: an allowed topic, and a SubscribeURL on SNS itself. */
    private Response confirm(SnsEnvelope message) {
        var url = message.subscribeUrl();
        var refusal = subscribeUrls.refusal(url);
        if (refusal.isPresent()) {
            count("refused");
            Log.warnf("Refused to confirm a subscription to %s: %s", message.topicArn(), refusal.get());
            return Response.status(Response.Status.FORBIDDEN).entity("refused: SubscribeURL is not SNS\n").build();
        }
        if (subscribeUrls.emulator(url)) {
            Log.warnf("Confirming the subscription to %s through emulator host %s (pipewatch.sns.confirm-hosts)",
                    message.topicArn(), url.getHost());
        }
        try {
            var response = http.client().prepareRequest(HttpExecuteRequest.builder().request(SdkHttpRequest.builder()
                    .method(SdkHttpMethod.GET).uri(url).build()).build()).call();
            response.responseBody().ifPresent(b -> {
                try {
                    b.close();
                } catch (java.io.IOException ignored) {
                    // the status says what happened
                }
            });
            if (!response.httpResponse().isSuccessful()) {
                throw new java.io.IOException("SNS answered " + response.httpResponse().statusCode());
            }
        } catch (java.io.IOException | RuntimeException e) {
            Log.errorf("Could not confirm the subscription to %s: %s; SNS will send the confirmation again",
                    message.topicArn(), e.getMessage());
            return Response.status(Response.Status.BAD_GATEWAY).entity("confirmation failed\n").build();
        }
        count("confirmed");
        Log.infof("Confirmed the SNS subscription to %s", message.topicArn());
        return ok("subscription confirmed");
    }

    private static boolean declaresMoreThanLimit(String declaredLength) {
        if (declaredLength == null) {
            return false;
        }
        try {
            return Long.parseLong(declaredLength.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // the count while reading decides
        }
    }

    private Response tooLarge(HttpServerRequest request, String what) {
        count("too-large");
        Log.warnf("Refused an SNS message from %s: %s; SNS messages are at most %d bytes", sender(request), what, MAX_BODY_BYTES);
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.TEXT_PLAIN)
                .entity("body: at most " + MAX_BODY_BYTES + " bytes (256 KiB, the SNS message limit)\n").build();
    }

    /** Who sent it, for the log line of a refusal: the peer, and what a proxy in front says it forwarded. */
    private static String sender(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        return forwarded == null ? peer : peer + " (X-Forwarded-For " + forwarded.replaceAll("[^0-9A-Fa-f.:, ]", "?") + ")";
    }

    private void count(String result) {
        registry.counter("pipewatch.sns.messages", "result", result).increment();
    }

    private static Response ok(String text) {
        return Response.ok(text + "\n", MediaType.TEXT_PLAIN).build();
    }
}
