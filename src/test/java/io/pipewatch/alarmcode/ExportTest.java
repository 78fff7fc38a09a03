package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code alarms export} of the shipped alarms against a reviewed golden file. */
class ExportTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/alarms-export.yaml");

    @Test
    void theShippedAlarmsExportAsTheGoldenTemplate() throws IOException {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = AlarmsCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "export", "--public-url", "https://pipewatch.example.com");
        assertEquals(0, code, err.toString());
        assertEquals(Files.readString(GOLDEN), out.toString(), "after a reviewed change, regenerate with: java -jar"
                + " target/quarkus-app/quarkus-run.jar alarms export --public-url https://pipewatch.example.com > " + GOLDEN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTemplateHoldsOneAlarmResourcePerCloudWatchAlarmAndOnlyThose() throws IOException {
        Map<String, Object> template = new Yaml().load(Files.readString(GOLDEN));
        var resources = (Map<String, Map<String, Object>>) template.get("Resources");
        assertEquals(11, resources.size(), "the 11 cloudwatch alarms; pipewatch-evaluated ones are not CloudWatch's");
        assertEquals(10, resources.values().stream().filter(r -> r.get("Type").equals("AWS::CloudWatch::Alarm")).count());
        var composite = resources.get("PipewatchIngestStalled");
        assertEquals("AWS::CloudWatch::CompositeAlarm", composite.get("Type"));
        assertEquals(java.util.List.of("PipewatchStreamConsumersFallingBehind", "PipewatchIngestLambdaDurationNearTimeout"),
                composite.get("DependsOn"), "created after the alarms its rule names");
        assertEquals(false, resources.containsKey("PipewatchCloudwatchSourceUnavailable"));
    }

    @Test
    void logicalIdsAreAlphanumeric() {
        assertEquals("PipewatchIngestLambdaErrorRate", ExportCommand.logicalId("pipewatch-ingest-lambda-error-rate"));
    }
}
