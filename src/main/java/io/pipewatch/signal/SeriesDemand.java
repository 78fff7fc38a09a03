package io.pipewatch.signal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The series anything needs (alarms, dashboards), registered by each user under its own name. The
 * poller reads exactly their union, once per cycle, however many viewers are watching.
 */
@ApplicationScoped
public class SeriesDemand {

    private final Map<String, Set<SeriesKey>> byUser = new ConcurrentHashMap<>();

    public void register(String user, Collection<SeriesKey> keys) {
        byUser.put(user, Set.copyOf(keys));
    }

    public Set<SeriesKey> all() {
        return byUser.values().stream().flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }
}
