package io.pipewatch.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A free port for a process under test, and a watcher that keeps trying to connect to it: a refused
 * start must never have accepted a connection. Tests never use a fixed port, so a demo running on
 * 8080 (or another test) cannot break them.
 */
final class PortWatch implements AutoCloseable {

    private final int port;
    private final AtomicBoolean accepted = new AtomicBoolean();
    private final Thread watcher;
    private volatile boolean watching = true;

    private PortWatch(int port) {
        this.port = port;
        this.watcher = new Thread(this::watch, "port-watch-" + port);
        watcher.setDaemon(true);
        watcher.start();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static PortWatch onFreePort() {
        return new PortWatch(freePort());
    }

    int port() {
        return port;
    }

    boolean everAccepted() {
        return accepted.get();
    }

    private void watch() {
        while (watching) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 50);
                accepted.set(true);
            } catch (IOException refused) {
                // Nobody listening: what a refused start must look like.
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        watcher.join(1000);
    }
}
