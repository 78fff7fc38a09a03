package io.pipewatch.testing;

import io.pipewatch.source.sns.SnsHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Stands in for AWS on the far side of {@link SnsHttp}: serves signing certificates at their SigningCertURLs,
 * answers SubscribeURL GETs as SNS does, and records every request so a test can show what did (or, for a
 * refused message, did not) leave the process. Anything else gets a 404, as a wrong URL would.
 */
public final class FakeSnsNetwork implements SdkHttpClient {

    /** One request as it would have gone on the wire. */
    public record Request(SdkHttpMethod method, URI uri) {
    }

    private final Map<String, String> certificates = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Also serve {@code pem} at {@code url}, e.g. another signer's certificate. */
    public FakeSnsNetwork serve(URI url, String pem) {
        certificates.put(key(url), pem);
        return this;
    }

    public FakeSnsNetwork serve(SnsSigner other) {
        return serve(other.certificateUrl(), other.certificatePem());
    }

    public SnsHttp snsHttp() {
        return new SnsHttp(this);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** GETs of any SigningCertURL this network serves. */
    public List<Request> certificateFetches() {
        return requests.stream().filter(r -> certificates.containsKey(key(r.uri()))).toList();
    }

    /** GETs of a SubscribeURL, i.e. subscriptions confirmed. */
    public List<Request> confirmations() {
        return requests.stream().filter(FakeSnsNetwork::isConfirmation).toList();
    }

    public void clear() {
        requests.clear();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest execute) {
        Request request = new Request(execute.httpRequest().method(), execute.httpRequest().getUri());
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                requests.add(request);
                return respond(request);
            }

            @Override
            public void abort() {
            }
        };
    }

    private HttpExecuteResponse respond(Request request) {
        if (request.method() != SdkHttpMethod.GET) {
            return response(405, "");
        }
        String pem = certificates.get(key(request.uri()));
        if (pem != null) {
            return response(200, pem);
        }
        if (isConfirmation(request)) {
            return response(200, "<ConfirmSubscriptionResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<ConfirmSubscriptionResult><SubscriptionArn>confirmed</SubscriptionArn></ConfirmSubscriptionResult>"
                    + "</ConfirmSubscriptionResponse>");
        }
        return response(404, "");
    }

    private static boolean isConfirmation(Request r) {
        String query = r.uri().getRawQuery();
        return r.method() == SdkHttpMethod.GET && r.uri().getHost().matches("sns\\.[a-z0-9-]+\\.amazonaws\\.com")
                && query != null && query.contains("Action=ConfirmSubscription");
    }

    private static HttpExecuteResponse response(int status, String body) {
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(status).build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** Scheme, host and path: the SDK may or may not spell out the default port. */
    private static String key(URI url) {
        return url.getScheme() + "://" + url.getHost() + url.getRawPath();
    }

    @Override
    public void close() {
        // shared by every SnsHttp made from it; nothing to release
    }
}
