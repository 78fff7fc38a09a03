package io.pipewatch.notify;

import java.util.Set;

/**
 * The one message a receiver keeps for a conversation (a group of alerts, with the default route: an incident), as it
 * now stands: where it is ({@code channel}, and Slack's {@code ts}, its id), the incident it is about (null when none),
 * whether it still tells of something firing ({@code open}), and what it shows ({@code shown}: marks such as
 * {@code firing:<alert>@<since>}, {@code ack:<alert>}, {@code silenced:<alert>}), so the next change can say in one
 * line what is new. Recorded with the delivery that made it, in the same transaction, so a restart edits this message
 * and never posts a second one.
 */
public record PostedMessage(String channel, String ts, String incident, boolean open, Set<String> shown) {

    public PostedMessage {
        shown = shown == null ? Set.of() : Set.copyOf(shown);
    }
}
