package io.pipewatch.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A real local HTTP server standing in for Slack's incoming webhook, configured as Pipewatch's
 * webhook for every in-process integration test. It answers 200 to everything it receives.
 */
public class SlackStandIn implements QuarkusTestResourceLifecycleManager {

    static final String SECRET_PATH = "/services/T0TEST/B0TEST/n0tAr3alS3cr3t";
    static MockWebServer server;

    @Override
    public Map<String, String> start() {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("pipewatch.slack.webhook-url", server.url(SECRET_PATH).toString(),
                "pipewatch.public-url", "http://pipewatch.test");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
