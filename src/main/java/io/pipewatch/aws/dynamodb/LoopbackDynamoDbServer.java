package io.pipewatch.aws.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.nio.file.Files;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * DynamoDB Local's request handler behind a Jetty listener on 127.0.0.1 only, on a port the kernel picks (the
 * standalone {@code store-server} may choose both).
 * DynamoDB Local's own {@code ServerRunner} (2.6.1) has no host option: its {@code DynamoDBProxyServer}
 * builds {@code new Server(port)}, which listens on every interface. This builds the same handlers
 * ({@code ServerRunner.createServer} does exactly this) into a server of our own; telemetry, which only
 * {@code DynamoDBProxyServer.start} sends, is never configured.
 */
public final class LoopbackDynamoDbServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final String host;
    private final int port;

    private LoopbackDynamoDbServer(Server jetty, LocalDynamoDBServerHandler handler, String host, int port) {
        this.jetty = jetty;
        this.handler = handler;
        this.host = host;
        this.port = port;
    }

    public static LoopbackDynamoDbServer start(StoreLocation location) throws Exception {
        return start(location, HOST, 0); // no probe-then-bind race for a "free" port
    }

    /** @param port 0 for one the kernel picks */
    static LoopbackDynamoDbServer start(StoreLocation location, String host, int port) throws Exception {
        String directory = null;
        if (location instanceof StoreLocation.OnDisk onDisk) {
            directory = Files.createDirectories(onDisk.directory()).toString();
        }
        // Shared (one file for every access key and region): the key changes at every start, and DynamoDB
        // Local would otherwise open an empty file for each new key, orphaning the data of the last run.
        var requests = new LocalDynamoDBRequestHandler(0, location instanceof StoreLocation.InMemory, directory, true, false);
        var handler = new LocalDynamoDBServerHandler(requests, null);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        jetty.setHandler(new ContextHandlerCollection(context));
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            handler.close();
            throw e;
        }
        return new LoopbackDynamoDbServer(jetty, handler, host, connector.getLocalPort());
    }

    int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            handler.close();
        }
    }
}
