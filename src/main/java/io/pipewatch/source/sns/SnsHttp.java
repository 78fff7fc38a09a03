package io.pipewatch.source.sns;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The HTTP client that fetches SNS signing certificates and confirms subscriptions: HTTPS to
 * {@code sns.<region>.amazonaws.com} only, checked by the verifier before any request is made.
 */
public class SnsHttp {

    private final SdkHttpClient client;

    public SnsHttp(SdkHttpClient client) {
        this.client = client;
    }

    public static SnsHttp standard() {
        return new SnsHttp(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(5)).build());
    }

    public SdkHttpClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
