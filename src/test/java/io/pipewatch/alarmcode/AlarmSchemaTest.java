package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.rule.Comparison;
import io.pipewatch.rule.EvaluatedBy;
import io.pipewatch.rule.Severity;
import io.pipewatch.rule.TreatMissingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/alarms.schema.json (editor completion) says what the loader accepts, no more, no less. */
class AlarmSchemaTest {

    private final JsonNode alarm = schema().get("$defs").get("alarm");

    @Test
    void enumsAreTheLoadersSpellings() {
        assertEquals(List.copyOf(Severity.spellings().keySet()), values(alarm.get("properties").get("severity").get("enum")));
        var comparisons = new java.util.ArrayList<>(Comparison.spellings().keySet());
        comparisons.addAll(Comparison.bandSpellings().keySet());
        assertEquals(comparisons, values(alarm.get("properties").get("comparison").get("enum")));
        assertEquals(List.copyOf(TreatMissingData.spellings().keySet()),
                values(alarm.get("properties").get("treat_missing_data").get("enum")));
        assertEquals(List.copyOf(EvaluatedBy.spellings().keySet()), values(alarm.get("properties").get("evaluated_by").get("enum")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKeyTheShippedAlarmsUseIsInTheSchema() throws IOException {
        Set<String> used = new TreeSet<>();
        try (var files = Files.list(Path.of("alarms"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Map<String, Object> root = new Yaml().load(Files.readString(f));
                ((List<Map<String, Object>>) root.get("alarms")).forEach(a -> used.addAll(a.keySet()));
            }
        }
        Set<String> declared = new TreeSet<>();
        alarm.get("properties").fieldNames().forEachRemaining(declared::add);
        assertTrue(declared.containsAll(used), "undeclared: " + used.stream().filter(k -> !declared.contains(k)).toList());
        assertEquals(false, alarm.get("additionalProperties").asBoolean(), "unknown keys are errors, as in the loader");
    }

    @Test
    void theSchemaDeclaresTheKeysTheLoaderSuggestsFrom() {
        Set<String> declared = new TreeSet<>();
        alarm.get("properties").fieldNames().forEachRemaining(declared::add);
        assertEquals(declared, new TreeSet<>(io.pipewatch.rule.AlarmLoader.KEYS));
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode schema() {
        try {
            return new ObjectMapper().readTree(Files.readString(Path.of("docs/alarms.schema.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
