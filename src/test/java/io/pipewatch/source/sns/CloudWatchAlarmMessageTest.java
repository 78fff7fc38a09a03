package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.testing.SnsMessages;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CloudWatch's alarm JSON as SNS delivers it: what the receiver reads, and what it refuses to read. */
class CloudWatchAlarmMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-03T07:50:00.123Z");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"\"Statistic\":\"SAMPLE_COUNT\", SampleCount", "\"Statistic\":\"MAXIMUM\", Maximum", "\"ExtendedStatistic\":\"p99\", p99"})
    void spellsStatisticsAsTheConsoleDoes(String field, String expected) {
        String json = SnsMessages.alarm("a", "ALARM", "OK", AT).replace("\"Statistic\":\"SUM\"", field);
        assertTrue(CloudWatchAlarmMessage.parse(json, JSON).trigger().condition().startsWith(expected + " Errors"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[]|not a JSON object", "{}|no AlarmName",
            "{\"AlarmName\":\"a\",\"NewStateValue\":\"FIRE\",\"StateChangeTime\":\"2026-12-03T07:50:00.000+0000\"}|is not ALARM, OK or INSUFFICIENT_DATA"})
    void whatIsNotAnAlarmStateChangeIsNamed(String json, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> CloudWatchAlarmMessage.parse(json, JSON));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
