package io.pipewatch.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code store-server}: one store for every replica, whatever key or region each signs with; clear refusals. */
class StoreServerCommandIT {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+),");

    @TempDir
    Path dir;

    @Test
    void replicasSigningWithDifferentKeysAndRegionsShareOneStoreOnDisk() throws Exception {
        StringWriter out = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> StoreServerCommand.run(
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), stop,
                "--port", "0", "--path", dir.resolve("data").toString()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> LISTENING.matcher(out.toString()).find());
            Matcher m = LISTENING.matcher(out.toString());
            assertTrue(m.find());
            URI endpoint = URI.create(m.group(1));
            assertEquals("127.0.0.1", endpoint.getHost(), "loopback unless --host says otherwise");
            try (DynamoDbClient one = client(endpoint, "REPLICAONE", Region.US_EAST_1);
                    DynamoDbClient two = client(endpoint, "REPLICATWO", Region.EU_WEST_1)) {
                DynamoDbTables.createIfAbsent(one, "shared", "id", null, null);
                one.putItem(p -> p.tableName("shared").item(Map.of("id", AttributeValue.fromS("lease"))));
                assertEquals(1, two.scan(s -> s.tableName("shared")).count(), "the second replica sees the first one's item");
            }
            assertTrue(Files.list(dir.resolve("data")).findAny().isPresent(), "the data is on disk under --path");
        } finally {
            stop.countDown();
        }
        assertEquals(0, server.get(60, TimeUnit.SECONDS));
        assertTrue(out.toString().contains("Pipewatch store stopped"), out.toString());
    }

    @Test
    void aPortInUseIsRefusedWithTheReasonAndStatusTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int status = StoreServerCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    new CountDownLatch(0), "--port", Integer.toString(taken.getLocalPort()), "--path", "memory");
            assertEquals(StoreServerCommand.UNUSABLE, status);
            assertTrue(err.toString().startsWith("store-server: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    err.toString());
            assertTrue(err.toString().toLowerCase().contains("in use"), err.toString());
        }
    }

    @Test
    void aPathThatIsAFileAndAPortOutOfRangeAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        StringWriter err = new StringWriter();
        assertEquals(StoreServerCommand.UNUSABLE, StoreServerCommand.run(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), new CountDownLatch(0), "--path", file.toString()));
        assertTrue(err.toString().startsWith("--path: " + file + " is not a writable directory"), err.toString());
        StringWriter usage = new StringWriter();
        assertEquals(1, StoreServerCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(usage, true),
                new CountDownLatch(0), "--port", "70000"));
        assertTrue(usage.toString().startsWith("--port: 70000 is not a port"), usage.toString());
    }

    @Test
    void aBadEndpointIsAStartProblemNamingTheVariable() {
        assertEquals("AWS_ENDPOINT_URL_DYNAMODB: 'localhost:8000' is not an http(s) URL, such as http://127.0.0.1:8000",
                DynamoDbClients.endpointProblem("localhost:8000").orElseThrow());
        assertTrue(DynamoDbClients.endpointProblem("http://127.0.0.1:8000").isEmpty());
    }

    private static DynamoDbClient client(URI endpoint, String key, Region region) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "secret"))).build();
    }
}
