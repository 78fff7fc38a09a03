package io.pipewatch.source.sns;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The notifications whose signature was checked lately, by the SHA-256 of their exact bytes. SNS redelivers a message
 * byte for byte (same MessageId, Timestamp and Signature), and in a storm of retries checking each copy's RSA
 * signature again was most of a redelivery's cost. A body with a digest seen here is the body that was verified, so
 * it needs no second check; anything else, even one byte off, is checked in full. Only the message's id and the time
 * SNS stamped are kept (not the body), and only the newest few thousand.
 */
final class VerifiedBodies {

    static final int KEPT = 10_000;

    /** What a verified notification was: enough to answer a redelivery and to judge its age again. */
    record Verified(String messageId, Instant timestamp) {
    }

    private record Digest(long a, long b, long c, long d) {
    }

    private final Map<Digest, Verified> kept = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, Verified> eldest) {
            return size() > KEPT;
        }
    };

    /** The notification these exact bytes were, if they were verified lately. */
    Optional<Verified> known(byte[] body) {
        Digest digest = digest(body);
        synchronized (kept) {
            return Optional.ofNullable(kept.get(digest));
        }
    }

    /** Remembers bytes whose signature was verified as the notification {@code verified}. */
    void verified(byte[] body, Verified verified) {
        Digest digest = digest(body);
        synchronized (kept) {
            kept.put(digest, verified);
        }
    }

    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }

    private static Digest digest(byte[] body) {
        try {
            ByteBuffer sha = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(body));
            return new Digest(sha.getLong(), sha.getLong(), sha.getLong(), sha.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
