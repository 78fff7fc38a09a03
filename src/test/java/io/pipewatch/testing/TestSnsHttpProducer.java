package io.pipewatch.testing;

import io.pipewatch.source.sns.SnsHttp;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * In-process tests reach "SNS" through the test's own network: it serves the certificate the test signs
 * with and answers subscription confirmations. Everything else (the SDK's checks) is the real thing.
 */
public class TestSnsHttpProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    SnsHttp snsHttp() {
        return SnsSigner.shared().snsHttp();
    }
}
