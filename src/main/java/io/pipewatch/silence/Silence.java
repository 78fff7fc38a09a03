package io.pipewatch.silence;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.Matcher;
import java.time.Instant;
import java.util.List;

/**
 * Alerts matching every matcher are not sent from {@code startsAt} until {@code endsAt}: planned work,
 * or a known problem someone is on. They still show, marked silenced, on the dashboard and the API.
 * {@code createdBy} and {@code endedBy} are logins, never what a request body claims.
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, Instant createdAt, String endedBy) {

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean silences(Alert alert, Instant now) {
        return activeAt(now) && matches(alert);
    }

    /** Whether the silence is about the alert, whenever it is (or was) active. */
    public boolean matches(Alert alert) {
        return Matcher.all(matchers, alert.matchLabels());
    }

    /** Ended now by someone: kept, for the record, until it expires from the store. */
    public Silence expiredAt(Instant now, String by) {
        return new Silence(id, matchers, startsAt.isAfter(now) ? now : startsAt, now, createdBy, comment, createdAt, by);
    }
}
