package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.Unit;
import io.pipewatch.testing.TestAlerts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An alert is kept as subject, status, transitions and acknowledgement, but its JSON is the one flat object that
 * {@code GET /api/alerts} promises and that documents stored before the split hold.
 */
class AlertJsonTest {

    /** As Quarkus configures its mapper: ISO times, unknown keys ignored. */
    private final JsonMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void writesOneFlatObjectWithTheReadableValues() throws Exception {
        Alert a = TestAlerts.alert("iterator-age", AlertState.FIRING, Severity.CRITICAL, Instant.parse("2026-12-04T03:00:00Z"),
                Map.of("team", "pipeline"));
        JsonNode tree = json.readTree(json.writeValueAsString(a));
        assertFalse(tree.has("subject") || tree.has("status"), tree.toString());
        assertEquals("iterator-age", tree.get("id").asText());
        assertEquals("FIRING", tree.get("state").asText());
        assertEquals("2026-12-04T03:00:00Z", tree.get("firingSince").asText());
        assertEquals("pipeline", tree.get("labels").get("team").asText());
        assertEquals(2.0, tree.get("value").asDouble());
        assertEquals("2", tree.get("valueText").asText());
        assertEquals(a, json.readValue(json.writeValueAsString(a), Alert.class));
    }

    @Test
    void readsADocumentStoredBeforeTheSplit() throws Exception {
        String stored = """
                {"id":"lambda-errors","alarm":"Lambda errors","state":"RESOLVED","severity":"warning","summary":"s",
                 "resource":"ingest","condition":"errors > 1","value":0.5,"threshold":1.0,
                 "since":"2026-12-01T10:05:00Z","firingSince":"2026-12-01T10:00:00Z","reason":"clear",
                 "runbook":"https://x/runbooks/r","dashboard":"https://x/dashboards/d","labels":{"team":"a"},
                 "transitions":[{"from":"FIRING","to":"RESOLVED","at":"2026-12-01T10:05:00Z","reason":"clear","value":0.5}],
                 "source":"cloudwatch","ack":null,"reportedAt":"2026-12-01T10:05:00Z","unit":"PERCENT",
                 "valueText":"0.5 %","thresholdText":"1 %"}""";
        Alert a = json.readValue(stored, Alert.class);
        assertEquals(new AlertSubject("lambda-errors", "Lambda errors", Severity.WARNING, "s", "ingest", "errors > 1", 1.0,
                Unit.PERCENT, "https://x/runbooks/r", "https://x/dashboards/d", Map.of("team", "a"), Alert.CLOUDWATCH, List.of()),
                a.subject());
        assertEquals(new AlertStatus(AlertState.RESOLVED, Instant.parse("2026-12-01T10:05:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), 0.5, "clear", Instant.parse("2026-12-01T10:05:00Z")), a.status());
        assertEquals(List.of(new Transition(AlertState.FIRING, AlertState.RESOLVED, Instant.parse("2026-12-01T10:05:00Z"),
                "clear", 0.5)), a.transitions());
        assertNull(a.ack());
    }

    @Test
    void readsADocumentStoredBeforeUnitsWereKept() throws Exception {
        Alert a = json.readValue("""
                {"id":"x","alarm":"X","state":"OK","severity":"info","threshold":3.0,"since":"2026-12-01T10:05:00Z",
                 "source":"pipewatch","labels":{}}""", Alert.class);
        assertNull(a.unit());
        assertEquals(Unit.NONE, a.unitOrNone());
        assertTrue(a.transitions().isEmpty());
        assertEquals("3", a.thresholdText());
    }
}
