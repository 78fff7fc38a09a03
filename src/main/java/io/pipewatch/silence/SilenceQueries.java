package io.pipewatch.silence;

import io.pipewatch.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What pages may read of silences: which one mutes an alert, and which are held. Read-only on purpose,
 * so a page can show silences without holding what creates and ends them.
 */
public interface SilenceQueries {

    /** The silence that silences the alert now, if any, to show beside it. */
    Optional<Silence> silencing(Alert alert, Instant now);

    /** Every silence the store still holds (ended ones for a day), latest ending first. */
    List<Silence> all();
}
