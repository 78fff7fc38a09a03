package io.pipewatch.source.sns;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The HTTP client that fetches SNS signing certificates and confirms subscriptions: HTTPS to
 * {@code sns.<region>.amazonaws.com} only, checked by the verifier before any request is made. Built on first use:
 * its TLS set-up (the JDK's trust store, the Apache client's classes) was an eighth of the start-up thread's time,
 * and a service whose topics send nothing, or the demo, never needs it.
 */
public class SnsHttp {

    private final Supplier<SdkHttpClient> build;
    private SdkHttpClient client;

    public SnsHttp(SdkHttpClient client) {
        this(() -> client);
    }

    private SnsHttp(Supplier<SdkHttpClient> build) {
        this.build = build;
    }

    public static SnsHttp standard() {
        return new SnsHttp(() -> ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(5)).build());
    }

    public synchronized SdkHttpClient client() {
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
