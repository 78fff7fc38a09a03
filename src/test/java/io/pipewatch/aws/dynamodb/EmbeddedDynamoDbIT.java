package io.pipewatch.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The embedded store is closed to other hosts, keyed per start, and keeps its data across keys on disk. */
class EmbeddedDynamoDbIT {

    private static EmbeddedDynamoDb store;
    private static int port;

    @BeforeAll
    static void start() {
        store = new EmbeddedDynamoDb();
        port = store.endpoint().getPort();
        store.client().listTables(); // answering, not only bound
    }

    @AfterAll
    static void stop() {
        store.stop();
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

    @Test
    void eachStartDrawsItsOwnAccessKey() {
        EmbeddedDynamoDb other = new EmbeddedDynamoDb();
        try {
            LocalCredentials mine = store.credentials();
            LocalCredentials theirs = other.credentials();
            assertNotEquals(mine.accessKeyId(), theirs.accessKeyId());
            assertNotEquals(mine.secretAccessKey(), theirs.secretAccessKey());
            assertTrue(mine.accessKeyId().matches("[A-Z0-9]{20}"), mine.accessKeyId());
            assertEquals(40, mine.secretAccessKey().length());
            assertFalse(mine.toString().contains(mine.secretAccessKey()), "the secret stays out of toString");
        } finally {
            other.stop();
        }
    }

    @Test
    void dataOnDiskOutlivesTheAccessKeyItWasWrittenWith(@TempDir Path dir) {
        var first = new EmbeddedDynamoDb(new StoreLocation.OnDisk(dir.resolve("data")));
        DynamoDbTables.createIfAbsent(first.client(), "kept", "id", null, null);
        first.client().putItem(p -> p.tableName("kept").item(Map.of("id", AttributeValue.fromS("outbox-1"))));
        String firstKey = first.credentials().accessKeyId();
        first.stop();

        var second = new EmbeddedDynamoDb(new StoreLocation.OnDisk(dir.resolve("data")));
        try {
            assertNotEquals(firstKey, second.credentials().accessKeyId());
            var item = second.client().getItem(g -> g.tableName("kept").key(Map.of("id", AttributeValue.fromS("outbox-1"))));
            assertTrue(item.hasItem(), "written under the last start's key, read under this one's");
        } finally {
            second.stop();
        }
    }
}
