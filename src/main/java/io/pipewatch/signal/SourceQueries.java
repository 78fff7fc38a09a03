package io.pipewatch.signal;

import java.util.List;

/** Read-only port: how each source is doing, for pages and readiness, which may look and start nothing. */
public interface SourceQueries {

    List<SourceStatus> statuses();

    /** Every source has been polled at least once, successfully or not. */
    boolean allPolled();
}
