package io.pipewatch.source.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.messagemanager.sns.SnsMessageManager;
import software.amazon.awssdk.messagemanager.sns.model.SnsMessage;
import software.amazon.awssdk.messagemanager.sns.model.SnsSubscriptionConfirmation;
import software.amazon.awssdk.messagemanager.sns.model.SnsUnsubscribeConfirmation;
import software.amazon.awssdk.regions.Region;

/**
 * Decides whether an SNS POST is genuine before anything acts on it. The topic must be allowed (checked
 * first, so a stranger's message costs no certificate fetch); then the AWS SDK's message manager for the
 * topic's region checks the signature (version 1 SHA1withRSA or 2 SHA256withRSA) with a certificate it
 * fetches over HTTPS from {@code sns.<region>.amazonaws.com} only, issued to SNS; finally the message must
 * be recent, so a captured message cannot be replayed later.
 */
@ApplicationScoped
public class SnsVerifier {

    /** Clocks drift; SNS stamps the time it sent. */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final List<String> allowedTopics;
    private final boolean verifySignatures;
    private final Duration maxAge;
    private final SnsHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<Region, SnsMessageManager> managers = new ConcurrentHashMap<>();
    private final VerifiedBodies verifiedBodies = new VerifiedBodies();

    public SnsVerifier(PipewatchConfig config, SnsHttp http, ObjectMapper json, @Wall Clock clock) {
        this.allowedTopics = config.sns().topicArns().orElse(List.of());
        this.verifySignatures = config.sns().verifySignatures();
        this.maxAge = config.sns().maxMessageAge();
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    public boolean verifiesSignatures() {
        return verifySignatures;
    }

    public List<String> allowedTopics() {
        return allowedTopics;
    }

    /**
     * {@link #verify(String)} of a body as it came, remembering a verified notification's exact bytes so a
     * byte-for-byte redelivery can be recognised by {@link #redelivered} without a second check.
     */
    public SnsEnvelope verify(byte[] body) throws RefusedSnsMessage {
        SnsEnvelope envelope = verify(new String(body, StandardCharsets.UTF_8));
        if (envelope.type() == SnsEnvelope.Type.NOTIFICATION) {
            verifiedBodies.verified(body, new VerifiedBodies.Verified(envelope.messageId(), envelope.timestamp()));
        }
        return envelope;
    }

    /**
     * The message id of the notification these exact bytes are, if they were verified lately and SNS stamped them
     * recently enough (a replay of a captured message is refused by age, as in {@link #verify(String)}).
     */
    public Optional<String> redelivered(byte[] body) {
        Optional<VerifiedBodies.Verified> known = verifiedBodies.known(body);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        try {
            checkAge(known.get().timestamp());
        } catch (RefusedSnsMessage tooOld) {
            return Optional.empty(); // the whole path refuses it, with its reason
        }
        return Optional.of(known.get().messageId());
    }

    /** @throws RefusedSnsMessage with the reason, for a 403 and the log */
    public SnsEnvelope verify(String body) throws RefusedSnsMessage {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new RefusedSnsMessage("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new RefusedSnsMessage("body is not a JSON object");
        }
        String topic = root.path("TopicArn").asText("");
        if (!allowedTopics.contains(topic)) {
            throw new RefusedSnsMessage(topic.isEmpty() ? "no TopicArn"
                    : "topic " + topic + " is not in pipewatch.sns.topic-arns");
        }
        SnsEnvelope envelope = verifySignatures ? signed(body, topic) : unsigned(root);
        if (!envelope.topicArn().equals(topic)) {
            throw new RefusedSnsMessage("TopicArn is given twice, differently");
        }
        checkAge(envelope.timestamp());
        return envelope;
    }

    /** @throws RefusedSnsMessage when SNS stamped the message too long ago (a replay) or in the future */
    void checkAge(Instant sent) throws RefusedSnsMessage {
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(maxAge))) {
            throw new RefusedSnsMessage("sent at " + sent + ", older than pipewatch.sns.max-message-age (" + maxAge + ")");
        }
        if (sent.isAfter(now.plus(FUTURE_SKEW))) {
            throw new RefusedSnsMessage("sent at " + sent + ", in the future");
        }
    }

    private SnsEnvelope signed(String body, String topic) throws RefusedSnsMessage {
        Region region = region(topic);
        SnsMessage message;
        try {
            message = managers.computeIfAbsent(region,
                    r -> SnsMessageManager.builder().region(r).httpClient(http.client()).build()).parseMessage(body);
        } catch (SdkException | IllegalArgumentException | NullPointerException e) {
            throw new RefusedSnsMessage("signature not verified: " + e.getMessage());
        }
        // both confirmations carry one (an unsubscribe's re-subscribes), as in the unsigned path
        URI subscribe = message instanceof SnsSubscriptionConfirmation c ? c.subscribeUrl()
                : message instanceof SnsUnsubscribeConfirmation u ? u.subscribeUrl() : null;
        return new SnsEnvelope(type(message.type().toString()), message.messageId(), message.topicArn(),
                message.timestamp(), message.message(), subscribe);
    }

    /** Emulator mode: the same fields, read without a signature check. */
    private SnsEnvelope unsigned(JsonNode root) throws RefusedSnsMessage {
        try {
            String subscribe = root.path("SubscribeURL").asText(null);
            return new SnsEnvelope(type(root.path("Type").asText("")), root.path("MessageId").asText(""),
                    root.path("TopicArn").asText(), Instant.parse(root.path("Timestamp").asText("")),
                    root.path("Message").asText(""), subscribe == null ? null : URI.create(subscribe));
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
            throw new RefusedSnsMessage("malformed: " + e.getMessage());
        }
    }

    private static SnsEnvelope.Type type(String type) throws RefusedSnsMessage {
        return switch (type) {
            case "SubscriptionConfirmation" -> SnsEnvelope.Type.SUBSCRIPTION_CONFIRMATION;
            case "Notification" -> SnsEnvelope.Type.NOTIFICATION;
            case "UnsubscribeConfirmation" -> SnsEnvelope.Type.UNSUBSCRIBE_CONFIRMATION;
            default -> throw new RefusedSnsMessage("unknown message Type '" + type + "'");
        };
    }

    /** arn:aws:sns:us-east-1:123456789012:alarms → us-east-1. */
    static Region region(String topicArn) throws RefusedSnsMessage {
        String[] parts = topicArn.split(":", -1);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("sns") || parts[3].isEmpty()) {
            throw new RefusedSnsMessage("TopicArn '" + topicArn + "' is not an SNS topic ARN");
        }
        return Region.of(parts[3]);
    }

    @PreDestroy
    void close() {
        managers.values().forEach(SnsMessageManager::close);
    }
}
