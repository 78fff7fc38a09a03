package io.pipewatch.signal;

import java.time.Instant;
import java.util.List;

/** How a source has been doing: what {@code /api/status} and the dashboard show per source. */
public record SourceStatus(String source, long polls, Instant lastSuccess, Instant lastError,
        String lastErrorMessage, long errorCount, long lastPollMillis, List<String> notes, PollingCost cost) {

    public static SourceStatus initial(String source) {
        return new SourceStatus(source, 0, null, null, null, 0, 0, List.of(), null);
    }

    public SourceStatus succeeded(Instant at, long millis, List<String> notes, PollingCost cost) {
        return new SourceStatus(source, polls + 1, at, lastError, lastErrorMessage, errorCount, millis, notes, cost);
    }

    public SourceStatus failed(Instant at, String message, long millis, List<String> notes, PollingCost cost) {
        return new SourceStatus(source, polls + 1, lastSuccess, at, message, errorCount + 1, millis, notes, cost);
    }

    public boolean up() {
        return lastSuccess != null && (lastError == null || lastSuccess.isAfter(lastError));
    }
}
