package io.pipewatch.silence;

/** A silence was made or ended: messages that show who owns an alert (a Slack app's) say so now. */
public record SilenceChanged(Silence silence) {
}
