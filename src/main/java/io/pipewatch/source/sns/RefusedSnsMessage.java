package io.pipewatch.source.sns;

/** An SNS message that is not accepted: forged, unsigned, expired, from a topic not allowed, or malformed. */
public class RefusedSnsMessage extends Exception {

    public RefusedSnsMessage(String reason) {
        super(reason, null, false, false);
    }
}
