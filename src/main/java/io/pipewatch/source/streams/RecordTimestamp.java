package io.pipewatch.source.streams;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Decides a stream record's time: the configured attribute of its new image — epoch seconds or
 * milliseconds (told apart by magnitude), or ISO-8601 — else the stream's
 * ApproximateCreationDateTime. An attribute that is present but unreadable is an error, not a
 * guess: the record is counted as such and left out of the saturation figures.
 */
final class RecordTimestamp {

    /** Epoch values above this are milliseconds (this is 5138-11-16 in seconds, 1973-03-03 in millis). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private RecordTimestamp() {
    }

    sealed interface Result permits Found, Fallback, Unreadable {
    }

    /** Read from the attribute. */
    record Found(Instant at) implements Result {
    }

    /** The attribute is absent: ApproximateCreationDateTime stands in. */
    record Fallback(Instant at) implements Result {
    }

    /** The attribute holds something that is not a time. */
    record Unreadable(String reason) implements Result {
    }

    static Result of(StreamRecord record, String attribute) {
        Map<String, AttributeValue> image = record.newImage();
        AttributeValue value = attribute == null || image == null ? null : image.get(attribute);
        if (value == null) {
            return new Fallback(record.approximateCreationDateTime());
        }
        if (value.n() != null) {
            return epoch(value.n(), attribute);
        }
        if (value.s() != null) {
            String text = value.s().strip();
            if (text.matches("-?\\d+(\\.\\d+)?")) {
                return epoch(text, attribute);
            }
            try {
                return new Found(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notOffset) {
                try {
                    return new Found(Instant.parse(text));
                } catch (DateTimeParseException e) {
                    return new Unreadable(attribute + " '" + abbreviate(text) + "' is neither epoch seconds, "
                            + "epoch milliseconds nor ISO-8601");
                }
            }
        }
        return new Unreadable(attribute + " is not a number or a string");
    }

    private static Result epoch(String number, String attribute) {
        try {
            double v = Double.parseDouble(number);
            long millis = Math.abs(v) >= MILLIS_THRESHOLD ? (long) v : (long) (v * 1000);
            return new Found(Instant.ofEpochMilli(millis));
        } catch (NumberFormatException e) {
            return new Unreadable(attribute + " '" + abbreviate(number) + "' is not a number");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
