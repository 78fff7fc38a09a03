package io.pipewatch.source.sns;

import java.net.URI;
import java.time.Instant;

/** The fields of an SNS message Pipewatch acts on, taken from the verified message. */
public record SnsEnvelope(Type type, String messageId, String topicArn, Instant timestamp, String message, URI subscribeUrl) {

    public enum Type {
        SUBSCRIPTION_CONFIRMATION, NOTIFICATION, UNSUBSCRIBE_CONFIRMATION
    }
}
