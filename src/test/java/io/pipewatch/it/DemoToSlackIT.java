package io.pipewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.store.EmbeddedDynamoDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: the demo pipeline (30× faster) → store → rules → alerts →
 * Slack, received by a real local HTTP server; and the demo's real table in DynamoDB Local.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class DemoToSlackIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedDynamoDb dynamoDb;

    @Test
    void theFirstAlertReachesSlackAndThenItsResolvedMessage() throws Exception {
        List<JsonNode> received = new ArrayList<>();
        JsonNode firing = null;
        JsonNode resolved = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (resolved == null && System.nanoTime() < deadline) {
            RecordedRequest request = SlackStandIn.server.takeRequest(5, TimeUnit.SECONDS);
            if (request == null) {
                continue;
            }
            assertEquals(SlackStandIn.SECRET_PATH, request.getUrl().encodedPath());
            JsonNode message = JSON.readTree(request.getBody().utf8());
            received.add(message);
            String header = title(message);
            if (firing == null && header.startsWith("🔥 FIRING: ")) {
                firing = message;
            } else if (firing != null && header.equals("✅ RESOLVED: " + title(firing).substring("🔥 FIRING: ".length()))) {
                resolved = message;
            }
        }
        assertNotNull(firing, "no FIRING message reached Slack: " + received);
        assertNotNull(resolved, "the first alert's RESOLVED message never reached Slack: " + received);
        String buttons = firing.get("blocks").get(3).toString();
        assertTrue(buttons.contains("http://pipewatch.test/runbooks/"), buttons);
        assertTrue(buttons.contains("http://pipewatch.test/dashboards/demo-pipeline"), buttons);
        assertTrue(firing.get("blocks").get(2).toString().contains("*Since*"), firing.toString());
        assertTrue(resolved.get("blocks").get(2).toString().contains("*Resolved*"), resolved.toString());
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

    private static String title(JsonNode message) {
        return message.get("blocks").get(0).get("text").get("text").asText();
    }
}
