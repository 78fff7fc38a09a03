package io.pipewatch.source;

import java.time.Instant;

/** How a source has been doing: what {@code /api/status} and the dashboard show per source. */
public record SourceStatus(String source, long polls, Instant lastSuccess, Instant lastError,
        String lastErrorMessage, long errorCount, long lastPollMillis) {

    public static SourceStatus initial(String source) {
        return new SourceStatus(source, 0, null, null, null, 0, 0);
    }

    public SourceStatus succeeded(Instant at, long millis) {
        return new SourceStatus(source, polls + 1, at, lastError, lastErrorMessage, errorCount, millis);
    }

    public SourceStatus failed(Instant at, String message, long millis) {
        return new SourceStatus(source, polls + 1, lastSuccess, at, message, errorCount + 1, millis);
    }

    public boolean up() {
        return lastSuccess != null && (lastError == null || lastSuccess.isAfter(lastError));
    }
}
