package io.pipewatch.silence;

import java.time.Instant;
import java.util.List;

/** Port: where silences are kept. Implemented on the state table in {@code store}. */
public interface SilenceStore {

    /**
     * Writes the silence over its earlier version; @throws RuntimeException when the store is unavailable
     *
     * @param forgetAfter when it may be dropped (a day after it ended)
     */
    void save(Silence silence, Instant forgetAfter);

    /** Every silence not yet forgotten; one that cannot be read is logged and skipped. */
    List<Silence> load();
}
