package io.pipewatch.source.sns;

import java.time.Instant;
import java.util.List;

/**
 * Port: verified CloudWatch alarm messages a follower took in, kept in the shared store until the leader acts on
 * them. A follower answers SNS once the message is held here, so SNS stops retrying, and the leader, which alone
 * changes alerts, acts on each once (its message id is then remembered, and a second hold of it is a duplicate).
 * Implemented on the state table in {@code store}; {@code HeldMessagesContract} is what every implementation must show.
 */
public interface HeldMessages {

    /** One held message: its SNS id and the alarm's JSON as CloudWatch wrote it. */
    record Held(String messageId, String alarmJson) {
    }

    /** Keeps it until {@code until} (holding the same id again replaces it). */
    void hold(String messageId, String alarmJson, Instant until);

    /** Everything held and not yet released or expired. */
    List<Held> held();

    /** The leader acted on it. */
    void release(String messageId);
}
