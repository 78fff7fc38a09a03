package io.pipewatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Slack for the benchmark: one local server, a webhook per path, each message's arrival time and header kept. */
public class BenchSlack implements QuarkusTestResourceLifecycleManager {

    /** One message as Slack got it. */
    public record Message(long atNanos, String header) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIRING = Pattern.compile("🔥 (\\d+) firing");
    private static final Map<String, List<Message>> RECEIVED = new ConcurrentHashMap<>();
    private static MockWebServer server;

    @Override
    public Map<String, String> start() {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                long at = System.nanoTime();
                String header = "";
                try {
                    var blocks = JSON.readTree(request.getBody().utf8()).path("blocks");
                    header = blocks.path(0).path("text").path("text").asText("");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                received(request.getUrl().encodedPath()).add(new Message(at, header));
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("pipewatch.slack.webhook-url", server.url("/default").toString(),
                "pipewatch.receivers.latency.webhook-url", server.url("/latency").toString(),
                "pipewatch.receivers.storm.webhook-url", server.url("/storm").toString(),
                "pipewatch.receivers.load.webhook-url", server.url("/load").toString());
    }

    static URI url(String path) {
        return server.url(path).uri();
    }

    static List<Message> received(String path) {
        return RECEIVED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
    }

    static int count(String path) {
        return received(path).size();
    }

    /** When message number {@code index} (0-based) arrived, waiting up to the given seconds. */
    static long awaitMessage(String path, int index, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(path) <= index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message " + index + " on " + path);
            }
            TimeUnit.MICROSECONDS.sleep(200);
        }
        return received(path).get(index).atNanos();
    }

    /** Firing alerts announced by the messages from {@code from} on: a summary's count, or one for a single alert. */
    static int firingCounted(String path, int from) {
        int total = 0;
        for (Message m : received(path).subList(from, count(path))) {
            var counted = FIRING.matcher(m.header());
            total += counted.find() ? Integer.parseInt(counted.group(1)) : m.header().startsWith("🔥 FIRING: ") ? 1 : 0;
        }
        return total;
    }

    /** The most messages that arrived within any one second. */
    static int peakPerSecond(String path, int from) {
        List<Message> messages = received(path).subList(from, count(path));
        int peak = 0;
        for (int i = 0; i < messages.size(); i++) {
            int j = i;
            while (j < messages.size() && messages.get(j).atNanos() - messages.get(i).atNanos() < 1_000_000_000L) {
                j++;
            }
            peak = Math.max(peak, j - i);
        }
        return peak;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
