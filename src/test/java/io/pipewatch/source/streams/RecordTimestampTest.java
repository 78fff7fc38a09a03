package io.pipewatch.source.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

class RecordTimestampTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T03:05:00Z");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "N, 1795575600,                    2026-11-25T03:00:00Z",
            "N, 1795575600123,                 2026-11-25T03:00:00.123Z",
            "N, 1795575600.5,                  2026-11-25T03:00:00.500Z",
            "S, 1795575600,                    2026-11-25T03:00:00Z",
            "S, 2026-11-25T03:00:00Z,          2026-11-25T03:00:00Z",
            "S, 2026-11-25T04:00:00+01:00,     2026-11-25T03:00:00Z"})
    void readsEpochSecondsMillisAndIso8601(String type, String value, String expected) {
        var attribute = type.equals("N") ? AttributeValue.fromN(value) : AttributeValue.fromS(value);
        var result = RecordTimestamp.of(record(Map.of("bucketTime", attribute)), "bucketTime");
        assertEquals(new RecordTimestamp.Found(Instant.parse(expected)), result);
    }

    @Test
    void fallsBackToApproximateCreationWhenTheAttributeIsAbsent() {
        assertEquals(new RecordTimestamp.Fallback(CREATED),
                RecordTimestamp.of(record(Map.of("other", AttributeValue.fromS("x"))), "bucketTime"));
        assertEquals(new RecordTimestamp.Fallback(CREATED),
                RecordTimestamp.of(record(Map.of("bucketTime", AttributeValue.fromN("1"))), null));
    }

    @Test
    void anUnreadableValueIsAnErrorNotAGuess() {
        var text = RecordTimestamp.of(record(Map.of("bucketTime", AttributeValue.fromS("yesterday"))), "bucketTime");
        assertEquals(new RecordTimestamp.Unreadable(
                "bucketTime 'yesterday' is neither epoch seconds, epoch milliseconds nor ISO-8601"), text);
        assertInstanceOf(RecordTimestamp.Unreadable.class,
                RecordTimestamp.of(record(Map.of("bucketTime", AttributeValue.fromBool(true))), "bucketTime"));
    }

    private static StreamRecord record(Map<String, AttributeValue> newImage) {
        return StreamRecord.builder().newImage(newImage).approximateCreationDateTime(CREATED).sequenceNumber("1").build();
    }
}
