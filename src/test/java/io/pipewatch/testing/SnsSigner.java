package io.pipewatch.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.source.sns.SnsHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs SNS messages exactly as SNS does, with a key and certificate of its own that {@link #network()} serves
 * at an SNS-looking SigningCertURL, so the AWS SDK's real checks run and only the network hop is faked.
 *
 * <p>What sns-message-manager 2.47.4 accepts, and so what this builds: SigningCertURL must be {@code https} on
 * exactly the SNS endpoint host of the manager's region; the certificate (PEM, {@code \n} line breaks) must name
 * the region's signing host ({@code sns.amazonaws.com} for most commercial regions, {@code sns-signing.<region>
 * .amazonaws.com} for opt-in ones) in a DNS subjectAltName or, without SANs, the CN; and it must be valid by the
 * machine's real clock. No chain is checked, so a self-signed certificate does.
 */
public final class SnsSigner {

    public static final String DEFAULT_COMMON_NAME = "sns.amazonaws.com";

    /** SNS stamps milliseconds, and the SDK re-formats the parsed Timestamp this way before checking it. */
    private static final DateTimeFormatter SNS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SnsSigner shared;

    private final String region;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final URI certificateUrl;
    private final FakeSnsNetwork network = new FakeSnsNetwork();

    private SnsSigner(String region, KeyPair keys, X509Certificate certificate) {
        this.region = region;
        this.keys = keys;
        this.certificate = certificate;
        // A distinct URL per signer, so the SDK's per-URL key cache never mixes two signers up.
        this.certificateUrl = URI.create("https://sns." + region + ".amazonaws.com/SimpleNotificationService-"
                + certificate.getSerialNumber().toString(16) + ".pem");
        network.serve(certificateUrl, certificatePem());
    }

    /** A certificate SNS's check accepts for {@code region}, valid from a day ago (real time) for a month. */
    public static SnsSigner forRegion(String region) {
        Instant now = Instant.now();
        return forRegion(region, DEFAULT_COMMON_NAME, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    /** For certificates the check must refuse: another name, or expired (validity is judged by the real clock). */
    public static SnsSigner forRegion(String region, String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            return new SnsSigner(region, keys, SelfSignedCertificate.create(keys, commonName, notBefore, notAfter));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One us-east-1 signer per JVM, for a Quarkus test: its CDI producer of {@link SnsHttp} and the test body must
     * agree on the key, and generating RSA keys per test is slow.
     */
    public static synchronized SnsSigner shared() {
        if (shared == null) {
            shared = forRegion("us-east-1");
        }
        return shared;
    }

    public String region() {
        return region;
    }

    public URI certificateUrl() {
        return certificateUrl;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves this signer's certificate and records every request; see {@link FakeSnsNetwork}. */
    public FakeSnsNetwork network() {
        return network;
    }

    /** What to give SnsVerifier (or produce as the CDI bean) instead of {@link SnsHttp#standard()}. */
    public SnsHttp snsHttp() {
        return network.snsHttp();
    }

    public String notification(String topicArn, String messageId, String message, Instant timestamp, int signatureVersion) {
        return notification(topicArn, messageId, null, message, timestamp, signatureVersion);
    }

    /** {@code subject} may be null (SNS then leaves it out of the message and of the signed text). */
    public String notification(String topicArn, String messageId, String subject, String message, Instant timestamp,
            int signatureVersion) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Type", "Notification");
        m.put("MessageId", messageId);
        m.put("TopicArn", topicArn);
        if (subject != null) {
            m.put("Subject", subject);
        }
        m.put("Message", message);
        m.put("Timestamp", SNS_TIME.format(timestamp));
        m.put("UnsubscribeURL", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
                + encode(topicArn + ":" + UUID.randomUUID()));
        return signed(m, signatureVersion, "Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    }

    public String subscriptionConfirmation(String topicArn, URI subscribeUrl, String token, Instant timestamp) {
        return confirmation("SubscriptionConfirmation", topicArn, subscribeUrl, token, timestamp,
                "You have chosen to subscribe to the topic " + topicArn
                        + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
    }

    public String unsubscribeConfirmation(String topicArn, URI subscribeUrl, String token, Instant timestamp) {
        return confirmation("UnsubscribeConfirmation", topicArn, subscribeUrl, token, timestamp,
                "You have chosen to deactivate subscription " + topicArn + ":" + UUID.randomUUID()
                        + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.");
    }

    /** The SubscribeURL SNS would send for {@code topicArn}: a GET of it confirms the subscription. */
    public static URI subscribeUrl(String topicArn, String token) {
        String region = topicArn.split(":")[3];
        return URI.create("https://sns." + region + ".amazonaws.com/?Action=ConfirmSubscription&TopicArn="
                + encode(topicArn) + "&Token=" + encode(token));
    }

    /** The headers SNS sends with a POST of {@code body} to an HTTP(S) endpoint. */
    public static Map<String, String> deliveryHeaders(String body) {
        try {
            var root = JSON.readTree(body);
            return Map.of("x-amz-sns-message-type", root.path("Type").asText(),
                    "x-amz-sns-message-id", root.path("MessageId").asText(),
                    "x-amz-sns-topic-arn", root.path("TopicArn").asText(),
                    "Content-Type", "text/plain; charset=UTF-8");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an SNS message: " + body, e);
        }
    }

    private String confirmation(String type, String topicArn, URI subscribeUrl, String token, Instant timestamp,
            String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Type", type);
        m.put("MessageId", UUID.randomUUID().toString());
        m.put("Token", token);
        m.put("TopicArn", topicArn);
        m.put("Message", message);
        m.put("SubscribeURL", subscribeUrl.toString());
        m.put("Timestamp", SNS_TIME.format(timestamp));
        // SNS signs confirmations with the topic's SignatureVersion; 1 is its default.
        return signed(m, 1, "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    }

    /** SNS's string to sign: "name\nvalue\n" for each signed field present, in this (alphabetical) order. */
    private String signed(Map<String, String> message, int version, String... signedFields) {
        StringBuilder canonical = new StringBuilder();
        for (String field : signedFields) {
            if (message.containsKey(field)) {
                canonical.append(field).append('\n').append(message.get(field)).append('\n');
            }
        }
        try {
            Signature rsa = Signature.getInstance(version == 1 ? "SHA1withRSA" : "SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            message.put("SignatureVersion", Integer.toString(version));
            message.put("Signature", Base64.getEncoder().encodeToString(rsa.sign()));
            message.put("SigningCertURL", certificateUrl.toString());
            return JSON.writeValueAsString(message);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
