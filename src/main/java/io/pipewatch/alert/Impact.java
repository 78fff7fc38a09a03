package io.pipewatch.alert;

import io.pipewatch.signal.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an active alert is predicted to lead to: the moment its stream starts losing data at the rate its iterator age
 * grows now ({@code dataLossAt}, null when the age does not grow), how many times what comes in its consumer could
 * drain ({@code headroom}, null when unknown; below 1 it falls behind), and both as people read them ({@code text}).
 */
public record Impact(Instant dataLossAt, Double headroom, String text) {

    /**
     * @param left time to data loss from {@code at}, or null
     * @param headroom capacity ÷ incoming, or null
     * @return null when neither is known
     */
    static Impact of(Instant at, Duration left, Double headroom) {
        if (left == null && headroom == null) {
            return null;
        }
        List<String> said = new ArrayList<>();
        if (left != null) {
            said.add(left.isZero() ? "records are being lost: the oldest unread record is past the stream's retention"
                    : "data loss in ~" + Unit.MILLISECONDS.format(left.toMillis()) + " at this rate");
        }
        if (headroom != null) {
            said.add(headroom < 1 ? String.format(Locale.ROOT, "the consumer drains only %.2f× what comes in", headroom)
                    : String.format(Locale.ROOT, "the consumer could drain %.1f× what comes in", headroom));
        }
        return new Impact(left == null ? null : at.plus(left), headroom, String.join("; ", said));
    }
}
