package io.pipewatch.notify.slack.app;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a request came from Slack: {@code X-Slack-Signature} must be {@code v0=} and the hex HMAC-SHA256 of
 * {@code v0:<X-Slack-Request-Timestamp>:<body>} under the app's signing secret, compared in constant time, and the
 * timestamp within five minutes of now either way (an older signed request is a replay). The secret never leaves it.
 */
public final class SlackSignature {

    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** Why a request was refused; {@code VALID} when it was not. */
    public enum Verdict {
        VALID, MISSING, STALE, MISMATCH
    }

    private final SecretKeySpec key;

    public SlackSignature(String signingSecret) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public Verdict check(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}") || !signature.startsWith("v0=")) {
            return Verdict.MISSING;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(WINDOW) > 0) {
            return Verdict.STALE;
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(mac(timestamp, body))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII)) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** The signature Slack would send: for tests and stand-ins that sign as Slack does. */
    public String sign(String timestamp, byte[] body) {
        return "v0=" + HexFormat.of().formatHex(mac(timestamp, body));
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SlackSignature[secret hidden]";
    }
}
