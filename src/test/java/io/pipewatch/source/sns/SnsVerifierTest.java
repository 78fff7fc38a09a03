package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.testing.FakeSnsNetwork;
import io.pipewatch.testing.ManualClock;
import io.pipewatch.testing.SnsSigner;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;

/** The real SDK check against messages signed with a key of our own; only the GET of the certificate is faked. */
class SnsVerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30.250Z");
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:pipewatch-alarms";
    private static final String ALARM = "{\"AlarmName\":\"pipewatch-ingest-lag\",\"NewStateValue\":\"ALARM\","
            + "\"NewStateReason\":\"Threshold Crossed: 1 datapoint [45000.0 (02/03/26 10:14:00)] > 30000.0 — µs\\nok\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    // RSA key generation takes a while: one key per kind of certificate, for the whole class.
    private static final SnsSigner SNS = SnsSigner.forRegion("us-east-1");
    private static final SnsSigner ATTACKER = SnsSigner.forRegion("us-east-1");
    private static final SnsSigner WRONG_NAME = SnsSigner.forRegion("us-east-1", "sns.evil.example.com",
            Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
    private static final SnsSigner EXPIRED = SnsSigner.forRegion("us-east-1", SnsSigner.DEFAULT_COMMON_NAME,
            Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
    // What an attacker could only do by hijacking SNS's host: serve a certificate that is not SNS's there.
    private static final FakeSnsNetwork NETWORK = SNS.network().serve(WRONG_NAME).serve(EXPIRED);

    @BeforeEach
    void forgetRequests() {
        NETWORK.clear();
    }

    static Stream<Arguments> genuine() {
        URI subscribe = SnsSigner.subscribeUrl(TOPIC, "token-1");
        return Stream.of(
                accepted("v1 Notification (SHA1withRSA)", SNS.notification(TOPIC, "m-1", ALARM, NOW, 1),
                        SnsEnvelope.Type.NOTIFICATION, "m-1", ALARM, NOW, null),
                accepted("v2 Notification (SHA256withRSA)", SNS.notification(TOPIC, "m-2", ALARM, NOW, 2),
                        SnsEnvelope.Type.NOTIFICATION, "m-2", ALARM, NOW, null),
                // CloudWatch always sets a Subject, and SNS signs it
                accepted("Notification with Subject", SNS.notification(TOPIC, "m-3", "ALARM: \"pipewatch-ingest-lag\"",
                        ALARM, NOW, 2), SnsEnvelope.Type.NOTIFICATION, "m-3", ALARM, NOW, null),
                accepted("59 minutes old", SNS.notification(TOPIC, "m-4", "x", NOW.minusSeconds(59 * 60), 2),
                        SnsEnvelope.Type.NOTIFICATION, "m-4", "x", NOW.minusSeconds(59 * 60), null),
                accepted("4 minutes ahead (clock skew)", SNS.notification(TOPIC, "m-5", "x", NOW.plusSeconds(240), 1),
                        SnsEnvelope.Type.NOTIFICATION, "m-5", "x", NOW.plusSeconds(240), null),
                accepted("SubscriptionConfirmation", SNS.subscriptionConfirmation(TOPIC, subscribe, "token-1", NOW),
                        SnsEnvelope.Type.SUBSCRIPTION_CONFIRMATION, null, null, NOW, subscribe),
                accepted("UnsubscribeConfirmation", SNS.unsubscribeConfirmation(TOPIC, subscribe, "token-1", NOW),
                        SnsEnvelope.Type.UNSUBSCRIBE_CONFIRMATION, null, null, NOW, subscribe));
    }

    private static Arguments accepted(String name, String body, SnsEnvelope.Type type, String messageId, String message,
            Instant timestamp, URI subscribeUrl) {
        return Arguments.of(name, body, type, messageId, message, timestamp, subscribeUrl);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    void acceptsGenuineMessagesWithTheirFields(String name, String body, SnsEnvelope.Type type, String messageId,
            String message, Instant timestamp, URI subscribeUrl) throws RefusedSnsMessage {
        SnsEnvelope envelope = verifier(true).verify(body);

        assertEquals(type, envelope.type());
        assertEquals(TOPIC, envelope.topicArn());
        assertEquals(timestamp, envelope.timestamp());
        assertEquals(subscribeUrl, envelope.subscribeUrl());
        assertEquals(field(body, "MessageId"), envelope.messageId());
        assertEquals(field(body, "Message"), envelope.message());
        if (messageId != null) {
            assertEquals(messageId, envelope.messageId());
            assertEquals(message, envelope.message());
        }
        // confirming is the webhook's job: verifying only fetched the certificate
        assertEquals(List.of(new FakeSnsNetwork.Request(SdkHttpMethod.GET, SNS.certificateUrl())),
                NETWORK.requests());
    }

    // the emulator path must not read a message differently from the signed one
    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    void readsTheSameFieldsWithOrWithoutSignatureChecks(String name, String body) throws RefusedSnsMessage {
        assertEquals(verifier(true).verify(body), verifier(false).verify(body));
    }

    /** A refusal: the body, words its reason must contain, and how many certificate GETs it may cost. */
    record Refusal(String name, Supplier<String> body, String reason, int certificateFetches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> forgedOrStale() {
        Supplier<String> valid = () -> SNS.notification(TOPIC, "m-1", "Subject", ALARM, NOW, 2);
        return Stream.of(
                new Refusal("tampered Message", () -> with(valid.get(), "Message", "{\"NewStateValue\":\"OK\"}"),
                        "signature did not match", 1),
                new Refusal("tampered Subject", () -> with(valid.get(), "Subject", "OK"), "signature did not match", 1),
                new Refusal("v1 signature passed off as v2",
                        () -> with(SNS.notification(TOPIC, "m-1", ALARM, NOW, 1), "SignatureVersion", "2"),
                        "signature did not match", 1),
                // the SDK fetches the certificate before it looks for a signature
                new Refusal("Signature removed", () -> without(valid.get(), "Signature"), "signature cannot be null", 1),
                new Refusal("SignatureVersion 3", () -> with(valid.get(), "SignatureVersion", "3"),
                        "Unsupported signature version", 1),
                new Refusal("signed with another key, pointing at SNS's certificate",
                        () -> with(ATTACKER.notification(TOPIC, "m-1", ALARM, NOW, 2), "SigningCertURL",
                                SNS.certificateUrl().toString()), "signature did not match", 1),
                // SigningCertURL is not signed: only its host check keeps an attacker's certificate out
                new Refusal("SigningCertURL on another host", () -> with(valid.get(), "SigningCertURL",
                        "https://evil.example.com/SimpleNotificationService-1.pem"),
                        "does not match expected host: sns.us-east-1.amazonaws.com", 0),
                new Refusal("SigningCertURL on a look-alike host", () -> with(valid.get(), "SigningCertURL",
                        "https://sns.us-east-1.amazonaws.com.evil.example.com/SimpleNotificationService-1.pem"),
                        "does not match expected host", 0),
                new Refusal("SigningCertURL in another region", () -> with(valid.get(), "SigningCertURL",
                        SNS.certificateUrl().toString().replace("us-east-1", "eu-west-1")), "does not match expected host", 0),
                new Refusal("SigningCertURL over http", () -> with(valid.get(), "SigningCertURL",
                        SNS.certificateUrl().toString().replace("https:", "http:")), "must use HTTPS", 0),
                new Refusal("certificate not issued to sns.amazonaws.com",
                        () -> WRONG_NAME.notification(TOPIC, "m-1", ALARM, NOW, 2),
                        "does not match expected common name: sns.amazonaws.com", 1),
                new Refusal("expired certificate", () -> EXPIRED.notification(TOPIC, "m-1", ALARM, NOW, 2),
                        "certificate is expired", 1),
                new Refusal("older than max-message-age", () -> SNS.notification(TOPIC, "m-1", ALARM,
                        NOW.minus(Duration.ofMinutes(61)), 2), "older than pipewatch.sns.max-message-age (PT1H)", 1),
                new Refusal("far in the future", () -> SNS.notification(TOPIC, "m-1", ALARM,
                        NOW.plus(Duration.ofMinutes(6)), 2), "in the future", 1),
                new Refusal("Timestamp not a time", () -> with(valid.get(), "Timestamp", "yesterday"),
                        "Unable to parse timestamp", 0),
                new Refusal("unknown Type", () -> with(valid.get(), "Type", "Notice"), "Unsupported sns message type", 0),
                new Refusal("topic not allowed", () -> SNS.notification(TOPIC.replace("123456789012", "210987654321"),
                        "m-1", ALARM, NOW, 2), "topic arn:aws:sns:us-east-1:210987654321:pipewatch-alarms is not in "
                        + "pipewatch.sns.topic-arns", 0),
                new Refusal("no TopicArn", () -> without(valid.get(), "TopicArn"), "no TopicArn", 0),
                new Refusal("not JSON", () -> "Type=Notification&Message=hello", "not JSON", 0),
                new Refusal("a JSON array", () -> "[" + valid.get() + "]", "not a JSON object", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedOrStale")
    void refusesWithAReasonAndNoNeedlessFetch(Refusal refusal) {
        RefusedSnsMessage refused = assertThrows(RefusedSnsMessage.class, () -> verifier(true).verify(refusal.body().get()));

        assertTrue(refused.getMessage().toLowerCase(Locale.ROOT).contains(refusal.reason().toLowerCase(Locale.ROOT)),
                () -> "reason '" + refused.getMessage() + "' should say '" + refusal.reason() + "'");
        assertEquals(refusal.certificateFetches(), NETWORK.certificateFetches().size(), "certificate GETs");
        assertEquals(refusal.certificateFetches(), NETWORK.requests().size(), "requests of any kind");
    }

    @Test
    void fetchesEachCertificateOnceAndThenUsesTheCachedKey() throws RefusedSnsMessage {
        SnsVerifier verifier = verifier(true);
        verifier.verify(SNS.notification(TOPIC, "m-1", ALARM, NOW, 1));
        verifier.verify(SNS.notification(TOPIC, "m-2", ALARM, NOW, 2));

        assertEquals(1, NETWORK.certificateFetches().size());
    }

    @Test
    void withoutSignatureChecksAcceptsUnsignedMessagesButStillChecksTopicAndAge() throws RefusedSnsMessage {
        SnsVerifier verifier = verifier(false);
        String unsigned = without(without(without(SNS.notification(TOPIC, "m-1", ALARM, NOW, 2),
                "Signature"), "SignatureVersion"), "SigningCertURL");

        SnsEnvelope envelope = verifier.verify(unsigned);

        assertEquals(SnsEnvelope.Type.NOTIFICATION, envelope.type());
        assertEquals("m-1", envelope.messageId());
        assertEquals(ALARM, envelope.message());
        assertEquals(NOW, envelope.timestamp());
        assertNull(envelope.subscribeUrl());
        assertTrue(NETWORK.requests().isEmpty(), "an emulator's message needs no certificate");
        assertTrue(assertThrows(RefusedSnsMessage.class, () -> verifier.verify(with(unsigned, "TopicArn", TOPIC + "-other")))
                .getMessage().contains("is not in pipewatch.sns.topic-arns"));
        assertTrue(assertThrows(RefusedSnsMessage.class, () -> verifier.verify(with(unsigned, "Timestamp", "2026-03-02T09:00:00.000Z")))
                .getMessage().contains("older than pipewatch.sns.max-message-age"));
    }

    @Test
    void aVerifiedNotificationIsKnownAgainByItsExactBytesWhileItIsRecent() throws RefusedSnsMessage {
        ManualClock clock = new ManualClock(NOW);
        SnsVerifier verifier = verifier(true, clock);
        byte[] body = SNS.notification(TOPIC, "m-7", ALARM, NOW, 2).getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), verifier.redelivered(body), "nothing is known before it was verified");
        verifier.verify(body);
        assertEquals(Optional.of("m-7"), verifier.redelivered(body));

        byte[] oneByteOff = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), verifier.redelivered(oneByteOff), "another body is checked in full, even a blank off");
        byte[] confirmation = SNS.subscriptionConfirmation(TOPIC, SnsSigner.subscribeUrl(TOPIC, "t"), "t", NOW)
                .getBytes(StandardCharsets.UTF_8);
        verifier.verify(confirmation);
        assertEquals(Optional.empty(), verifier.redelivered(confirmation), "only notifications are answered as redeliveries");

        clock.advance(Duration.ofMinutes(61)); // past max-message-age: a captured copy replayed now is refused, not known
        assertEquals(Optional.empty(), verifier.redelivered(body));
        assertTrue(assertThrows(RefusedSnsMessage.class, () -> verifier.verify(body)).getMessage().contains("older than"));
    }

    private static SnsVerifier verifier(boolean verifySignatures) {
        return verifier(verifySignatures, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SnsVerifier verifier(boolean verifySignatures, Clock clock) {
        PipewatchConfig.Sns sns = new SnsSettings(Optional.of(List.of(TOPIC)), verifySignatures, Duration.ofHours(1), "pipewatch-");
        return new SnsVerifier(config(sns), NETWORK.snsHttp(), JSON, clock);
    }

    record SnsSettings(Optional<List<String>> topicArns, boolean verifySignatures, Duration maxMessageAge,
            String alarmPrefix) implements PipewatchConfig.Sns {
        @Override
        public Optional<List<String>> confirmHosts() {
            return Optional.empty();
        }
    }

    /** The verifier reads only {@code sns()}; anything else is a test that needs more than this. */
    private static PipewatchConfig config(PipewatchConfig.Sns sns) {
        return (PipewatchConfig) Proxy.newProxyInstance(PipewatchConfig.class.getClassLoader(),
                new Class<?>[] {PipewatchConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sns" -> sns;
                    case "toString" -> "PipewatchConfig(sns=" + sns + ")";
                    default -> throw new UnsupportedOperationException("test config has no " + method.getName());
                });
    }

    private static String field(String body, String name) {
        return node(body).path(name).asText(null);
    }

    private static String with(String body, String name, String value) {
        return node(body).put(name, value).toString();
    }

    private static String without(String body, String name) {
        ObjectNode node = node(body);
        node.remove(name);
        return node.toString();
    }

    private static ObjectNode node(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
