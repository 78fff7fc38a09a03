package io.pipewatch.aws.dynamodb;

import java.security.SecureRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The embedded store's access key, drawn at random for each start and never written down: no key in the
 * source or the docs opens a running Pipewatch's store. (DynamoDB Local accepts any key; the loopback-only
 * listener is what keeps other hosts out, and this keeps a well-known key from being the way in for local
 * users or a future listener change.) DynamoDB Local accepts only letters and digits in a key id.
 */
record LocalCredentials(String accessKeyId, String secretAccessKey) {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static LocalCredentials random() {
        return new LocalCredentials("PW" + draw(18).toUpperCase(java.util.Locale.ROOT), draw(40));
    }

    AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /** The secret stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "LocalCredentials[" + accessKeyId + ", secret redacted]";
    }

    private static String draw(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
