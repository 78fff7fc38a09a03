package io.pipewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A wire-level CloudWatch for tests: a local HTTP server that speaks CloudWatch's current protocol,
 * Smithy RPC v2 CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/<Operation>},
 * {@code smithy-protocol: rpc-v2-cbor}, CBOR bodies), so the real AWS SDK client talks to it. It
 * records every request and answers an empty output, or a queued error.
 */
public final class CloudWatchFake implements AutoCloseable {

    public static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";
    private static final CBORMapper CBOR = new CBORMapper();

    /** One call as received: the operation, the smithy-protocol header and the decoded input. */
    public record Call(String operation, String protocol, JsonNode input) {
    }

    /** An error answer: HTTP status and the error's type, e.g. 500 InternalServiceError. */
    public record Failure(int status, String type) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger compressed = new java.util.concurrent.atomic.AtomicInteger();

    /** Requests that arrived gzip-compressed. */
    public int compressedCalls() {
        return compressed.get();
    }

    public CloudWatchFake() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
          try {
            String path = exchange.getRequestURI().getPath();
            // The SDK gzips PutMetricData bodies over 10 KB (CloudWatch's request compression).
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] body = gzip ? new java.util.zip.GZIPInputStream(exchange.getRequestBody()).readAllBytes()
                    : exchange.getRequestBody().readAllBytes();
            if (gzip) {
                compressed.incrementAndGet();
            }
            String operation = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : path;
            calls.add(new Call(operation, exchange.getRequestHeaders().getFirst("smithy-protocol"),
                    body.length == 0 ? CBOR.createObjectNode() : CBOR.readTree(body)));
            Failure failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            byte[] answer = failure == null
                    ? CBOR.writeValueAsBytes(Map.of())
                    : CBOR.writeValueAsBytes(Map.of("__type", failure.type(), "message", "injected by the test"));
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.sendResponseHeaders(failure == null ? 200 : failure.status(), answer.length);
            exchange.getResponseBody().write(answer);
          } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            exchange.sendResponseHeaders(599, -1);
          } finally {
            exchange.close();
          }
        });
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void failNext(Failure failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
