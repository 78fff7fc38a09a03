package io.pipewatch.notify.route;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.Matcher;
import io.pipewatch.config.PipewatchConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The routes, tried in order; the default route (no matchers) takes what none of the others match. */
public final class Routes {

    private final List<Route> routes;

    public Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * Reads {@code pipewatch.routes[i]} and {@code pipewatch.route}.
     *
     * @param receivers the receiver names that exist
     * @throws IllegalArgumentException naming the key of every problem found
     */
    public static Routes from(PipewatchConfig config, Set<String> receivers) {
        List<String> problems = new ArrayList<>();
        List<Route> out = new ArrayList<>();
        String known = new TreeSet<>(receivers).toString();
        PipewatchConfig.Route fallback = config.route();
        var configured = config.routes().orElse(List.of());
        for (int i = 0; i < configured.size(); i++) {
            var r = configured.get(i);
            String key = "pipewatch.routes[" + i + "]";
            List<Matcher> matchers = new ArrayList<>();
            for (String text : r.match()) {
                try {
                    matchers.add(Matcher.parse(text));
                } catch (IllegalArgumentException e) {
                    problems.add(key + ".match: " + e.getMessage());
                }
            }
            if (matchers.isEmpty()) {
                problems.add(key + ".match: give at least one matcher, such as severity=critical");
            }
            if (!receivers.contains(r.receiver())) {
                problems.add(key + ".receiver: no receiver '" + r.receiver() + "'; known: " + known);
            }
            out.add(new Route("route-" + i, matchers, r.receiver(), r.groupBy().orElse(fallback.groupBy()),
                    r.groupWait().orElse(fallback.groupWait()), r.groupInterval().orElse(fallback.groupInterval()),
                    r.repeatInterval().orElse(fallback.repeatInterval())));
        }
        if (!receivers.contains(fallback.receiver())) {
            problems.add("pipewatch.route.receiver: no receiver '" + fallback.receiver() + "'; known: " + known);
        }
        out.add(new Route("default", List.of(), fallback.receiver(), fallback.groupBy(), fallback.groupWait(),
                fallback.groupInterval(), fallback.repeatInterval()));
        for (Route r : out) {
            checkTimings(r, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new Routes(out);
    }

    private static void checkTimings(Route r, List<String> problems) {
        String key = r.name().equals("default") ? "pipewatch.route" : "pipewatch.routes[" + r.name().substring(6) + "]";
        if (r.groupWait().isNegative()) {
            problems.add(key + ".group-wait: must not be negative");
        }
        if (r.groupInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(key + ".group-interval: at least 1s (Slack takes one message a second)");
        }
        if (r.repeatInterval().compareTo(r.groupInterval()) < 0) {
            problems.add(key + ".repeat-interval: must be at least the group interval");
        }
    }

    public Route of(Alert alert) {
        return routes.stream().filter(r -> r.matches(alert)).findFirst().orElseThrow();
    }

    public List<Route> all() {
        return routes;
    }
}
