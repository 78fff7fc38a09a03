package io.pipewatch.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store server replicas share ({@code store-server}) is closed to other hosts unless told otherwise. */
class LoopbackDynamoDbServerIT {

    private static LoopbackDynamoDbServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackDynamoDbServer.start(new StoreLocation.InMemory());
        port = server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyListeningSocketOfTheStoreIsOnLoopback() throws IOException {
        Path tcp = Path.of("/proc/net/tcp");
        Assumptions.assumeTrue(Files.isReadable(tcp), "no /proc/net/tcp (not Linux): covered by the connect test");
        List<String> addresses = new ArrayList<>(ListeningSockets.on(tcp, port));
        Path tcp6 = Path.of("/proc/net/tcp6");
        if (Files.isReadable(tcp6)) {
            addresses.addAll(ListeningSockets.on(tcp6, port));
        }
        assertFalse(addresses.isEmpty(), "the store's port " + port + " is listening");
        for (String address : addresses) {
            assertTrue(ListeningSockets.loopback(address), "listening on " + address + " (port " + port + ")");
        }
    }

    @Test
    void anotherHostCannotConnectThroughTheMachinesOwnAddresses() throws IOException {
        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp()) {
                Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .forEach(external::add);
            }
        }
        Assumptions.assumeFalse(external.isEmpty(),
                "this machine has no non-loopback address to try; the /proc/net/tcp test still checks the binding");
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(LoopbackDynamoDbServer.HOST, port), 2_000); // the test can fail
        }
        for (InetAddress address : external) {
            try (Socket socket = new Socket()) {
                var refused = assertThrows(IOException.class,
                        () -> socket.connect(new InetSocketAddress(address, port), 2_000),
                        "the store answers on " + address.getHostAddress() + ":" + port);
                assertTrue(refused instanceof ConnectException || refused instanceof SocketTimeoutException, refused.toString());
            }
        }
    }
}
