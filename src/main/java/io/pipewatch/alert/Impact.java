package io.pipewatch.alert;

import io.pipewatch.signal.Unit;
import java.time.Duration;
import java.time.Instant;

/**
 * What an active alert is predicted to lead to: the moment its stream starts losing data at the rate its iterator age
 * grows now ({@code dataLossAt}), and the same as people read it ({@code text}: "data loss in ~6 h at this rate").
 */
public record Impact(Instant dataLossAt, String text) {

    static Impact dataLoss(Instant at, Duration left) {
        String text = left.isZero() ? "records are being lost: the oldest unread record is past the stream's retention"
                : "data loss in ~" + Unit.MILLISECONDS.format(left.toMillis()) + " at this rate";
        return new Impact(at.plus(left), text);
    }
}
