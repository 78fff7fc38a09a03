package io.pipewatch.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests as fast as they are answered, from a given number of keep-alive connections with one request in flight on
 * each, as SNS and browsers send them. One event loop of its own: the JDK's HttpClient, one blocked thread per client,
 * cost more CPU than the endpoint it measured (64 of them topped out near 2,400 health checks a second on 2 cores), so
 * the measure was the client's.
 */
final class HttpLoad implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));

    /**
     * Sends each body once (an empty one as a GET), keeping {@code connections} in flight, and returns the requests
     * answered per second; fails on any answer but 200.
     */
    double rate(List<String> bodies, URI target, int connections) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
        List<Buffer> buffers = bodies.stream().map(Buffer::buffer).toList();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long start = System.nanoTime();
        Runnable[] send = new Runnable[1];
        send[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= buffers.size()) {
                return;
            }
            Buffer body = buffers.get(i);
            RequestOptions options = new RequestOptions().setHost(target.getHost()).setPort(target.getPort())
                    .setURI(target.getRawPath()).setMethod(body.length() == 0 ? HttpMethod.GET : HttpMethod.POST);
            if (body.length() > 0) {
                options.putHeader("Content-Type", "text/plain");
            }
            client.request(options).compose(request -> request.send(body)).compose(response -> {
                if (response.statusCode() != 200) {
                    return response.body().map(b -> {
                        throw new IllegalStateException("answered " + response.statusCode() + ": " + b);
                    });
                }
                return response.end();
            }).onComplete(result -> {
                if (result.failed()) {
                    done.completeExceptionally(result.cause());
                } else if (answered.incrementAndGet() == buffers.size()) {
                    done.complete(null);
                } else {
                    send[0].run();
                }
            });
        };
        vertx.runOnContext(v -> {
            for (int c = 0; c < connections; c++) {
                send[0].run();
            }
        });
        try {
            done.get(10, TimeUnit.MINUTES);
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return bodies.size() / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
