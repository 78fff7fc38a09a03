package io.pipewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: the demo pipeline (30× faster) → store → rules → alerts →
 * Slack, received by a real local HTTP server; and the demo's real table in DynamoDB Local.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class DemoToSlackIT {

    @SlackStandIn.Messages
    SlackStandIn.Inbox slack;

    @Inject
    EmbeddedDynamoDb dynamoDb;

    @Test
    void theFirstAlertReachesSlackAndThenItsResolvedMessage() throws Exception {
        var firing = slack.await(m -> m.header().startsWith("🔥 FIRING: "), 90)
                .orElseThrow(() -> new AssertionError("no FIRING message reached Slack: " + slack));
        String alarm = firing.header().substring("🔥 FIRING: ".length());
        var resolved = slack.await(m -> m.header().equals("✅ RESOLVED: " + alarm), 90)
                .orElseThrow(() -> new AssertionError(alarm + " never resolved in Slack: " + slack));
        assertTrue(slack.received().indexOf(firing) < slack.received().indexOf(resolved));
        assertEquals(SlackStandIn.SECRET_PATH, firing.path());
        String buttons = firing.buttons();
        assertTrue(buttons.contains("http://pipewatch.test/runbooks/"), buttons);
        assertTrue(buttons.contains("http://pipewatch.test/dashboards/demo-pipeline"), buttons);
        assertTrue(firing.fields().contains("*Since*"), firing.toString());
        assertTrue(resolved.fields().contains("*Resolved*"), resolved.toString());
    }

    @Test
    void theDemoAggregatesImpressionsIntoATableWithAStream() throws Exception {
        var client = dynamoDb.client();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int items = 0;
        while (items == 0 && System.nanoTime() < deadline) {
            try {
                items = client.scan(s -> s.tableName("demo-impressions").limit(50)).count();
            } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        assertTrue(items > 0, "no impressions were written");
        var table = client.describeTable(d -> d.tableName("demo-impressions")).table();
        assertNotNull(table.latestStreamArn(), "the table must have a stream for the roll-up stage");
        var item = client.scan(s -> s.tableName("demo-impressions").limit(1)).items().get(0);
        assertTrue(Long.parseLong(item.get("impressions").n()) > 0, item.toString());
        assertNotNull(item.get("bucketTime"), item.toString());
        var shards = dynamoDb.streams().describeStream(d -> d.streamArn(table.latestStreamArn())).streamDescription().shards();
        assertTrue(!shards.isEmpty(), "the stream has shards to read");
    }

}
