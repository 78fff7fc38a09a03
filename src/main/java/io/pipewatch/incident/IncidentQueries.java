package io.pipewatch.incident;

import java.util.List;
import java.util.Optional;

/** Read-only access to incidents, for pages, the API and delivery. */
public interface IncidentQueries {

    /** Open incidents first, newest first; then resolved ones, newest first. */
    List<Incident> all();

    Optional<Incident> get(String id);

    /** The first {@code n} of {@link #all()} that were not merged into another: what a page lists. */
    default List<Incident> newest(int n) {
        return all().stream().filter(i -> i.mergedInto() == null).limit(n).toList();
    }

    /** The newest incident that holds the alert. */
    Optional<Incident> of(String alertId);
}
