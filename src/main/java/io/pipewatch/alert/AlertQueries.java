package io.pipewatch.alert;

import java.util.List;
import java.util.Optional;

/** Read-only port: the alerts as they are now, for pages and delivery, which may read them and change nothing. */
public interface AlertQueries {

    /** Every alarm's alert, most urgent first: firing, pending, then by severity and name. */
    List<Alert> all();

    Optional<Alert> get(String id);

    /**
     * Moves on with every change of any alert: what a page derives from the alerts may be kept while it stays the same.
     */
    long version();
}
