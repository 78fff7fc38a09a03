package io.pipewatch.aws;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Decides the one line a person reads when an AWS client cannot be built or reached. The CloudWatch
 * source and the alarm deployer ({@code alarms plan|apply}) both say it, so it lives in this adapter
 * package that both may use, rather than in one of them.
 */
public final class AwsProblems {

    private AwsProblems() {
    }

    /** The SDK's configuration errors are long; a human needs one line and what to set. */
    public static String clientProblem(SdkClientException e) {
        return clientProblem(e, "CloudWatch");
    }

    /** The same, for a client of the named service. */
    public static String clientProblem(SdkClientException e, String service) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("region")) {
            return "no AWS region configured: set AWS_REGION (or a profile with a region)";
        }
        if (message.contains("credentials")) {
            return "no AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, or a role";
        }
        return "cannot reach " + service + ": " + firstLine(message);
    }

    /** The first line of an SDK message, which is the one that says what failed. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
