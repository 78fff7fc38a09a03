package io.pipewatch.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The embedded store opens no socket at all, tells today's times, and keeps its data on disk across starts. */
class EmbeddedDynamoDbIT {

    @Test
    void itAnswersWithoutOpeningASocket() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc/self/fd (not Linux)");
        long before = sockets(fds);
        EmbeddedDynamoDb store = new EmbeddedDynamoDb();
        try {
            DynamoDbTables.createIfAbsent(store.client(), "answered", "id", null, null);
            assertTrue(store.client().listTables().tableNames().contains("answered"), "the store answers");
            assertEquals(before, sockets(fds), "a socket was opened: the store (or its telemetry) reached for the network");
        } finally {
            store.stop();
        }
    }

    @Test
    void dataOnDiskOutlivesTheStart(@TempDir Path dir) {
        var first = new EmbeddedDynamoDb(new StoreLocation.OnDisk(dir.resolve("data")));
        DynamoDbTables.createIfAbsent(first.client(), "kept", "id", null, null);
        first.client().putItem(p -> p.tableName("kept").item(Map.of("id", AttributeValue.fromS("impressions-1"))));
        first.stop();
        assertTrue(Files.exists(dir.resolve("data").resolve(EmbeddedDynamoDb.DATABASE)), "the file earlier versions used");

        var second = new EmbeddedDynamoDb(new StoreLocation.OnDisk(dir.resolve("data")));
        try {
            var item = second.client().getItem(g -> g.tableName("kept").key(Map.of("id", AttributeValue.fromS("impressions-1"))));
            assertTrue(item.hasItem(), "written by the last start, read by this one");
        } finally {
            second.stop();
        }
    }

    @Test
    void aTablesCreationAndItsStreamRecordsCarryTodaysTime() {
        EmbeddedDynamoDb store = new EmbeddedDynamoDb();
        try {
            Instant before = Instant.now().minus(Duration.ofMinutes(2)); // records are stamped to the minute, rounded down
            DynamoDbClient dynamoDb = store.client();
            dynamoDb.createTable(t -> t.tableName("stamped").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
            dynamoDb.putItem(p -> p.tableName("stamped").item(Map.of("id", AttributeValue.fromS("x"))));
            Instant after = Instant.now().plus(Duration.ofMinutes(1));

            var table = dynamoDb.describeTable(d -> d.tableName("stamped")).table();
            assertTrue(table.creationDateTime().isAfter(before) && table.creationDateTime().isBefore(after), table.creationDateTime().toString());
            var streams = store.streams();
            var shard = streams.describeStream(d -> d.streamArn(table.latestStreamArn())).streamDescription().shards().get(0);
            String iterator = streams.getShardIterator(i -> i.streamArn(table.latestStreamArn()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            Instant stamped = streams.getRecords(g -> g.shardIterator(iterator)).records().get(0).dynamodb().approximateCreationDateTime();
            assertTrue(stamped.isAfter(before) && stamped.isBefore(after), stamped.toString());
        } finally {
            store.stop();
        }
    }

    @Test
    void onlyTimesBeyondTheYear10000AreReadAsTheMillisecondsTheyWere() {
        Instant now = Instant.parse("2026-12-05T01:09:29.959Z");
        assertEquals(now, EmbeddedTimestamps.corrected(Instant.ofEpochSecond(now.toEpochMilli())));
        assertEquals(now, EmbeddedTimestamps.corrected(now));
    }

    /** This process's open sockets: entries of /proc/self/fd that link to {@code socket:[inode]}. */
    private static long sockets(Path fds) throws IOException {
        try (Stream<Path> open = Files.list(fds)) {
            return open.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed meanwhile (the listing's own descriptor)
                }
            }).count();
        }
    }
}
