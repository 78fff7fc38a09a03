package io.pipewatch.notify.route;

import static io.pipewatch.testing.TestAlerts.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pipewatch.alert.AlertState;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.rule.Severity;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routes read from configuration: first match wins, the default takes the rest, mistakes are named by key. */
class RoutesTest {

    record Fallback(List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval, String receiver)
            implements PipewatchConfig.Route {
    }

    record Matched(List<String> match, String receiver, Optional<List<String>> groupBy, Optional<Duration> groupWait,
            Optional<Duration> groupInterval, Optional<Duration> repeatInterval) implements PipewatchConfig.MatchedRoute {
        static Matched of(String receiver, String... match) {
            return new Matched(List.of(match), receiver, Optional.of(List.of("alarm")), Optional.of(Duration.ZERO),
                    Optional.empty(), Optional.empty());
        }
    }

    private static final Fallback DEFAULTS = new Fallback(List.of("team", "severity"), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(4), "slack");

    @Test
    void theFirstMatchingRouteTakesTheAlertAndInheritsWhatItDoesNotSay() {
        Routes routes = Routes.from(config(DEFAULTS, Matched.of("pager", "severity=critical", "team=pipeline"),
                Matched.of("payments", "team=~pay.*")), Set.of("slack", "pager", "payments"));
        var critical = alert("a", AlertState.FIRING, Severity.CRITICAL, Instant.EPOCH, Map.of("team", "pipeline"));
        var payments = alert("b", AlertState.FIRING, Severity.CRITICAL, Instant.EPOCH, Map.of("team", "payments"));
        var other = alert("c", AlertState.FIRING, Severity.WARNING, Instant.EPOCH, Map.of("team", "pipeline"));
        assertEquals("pager", routes.of(critical).receiver());
        assertEquals(Duration.ZERO, routes.of(critical).groupWait());
        assertEquals(Duration.ofHours(4), routes.of(critical).repeatInterval(), "inherited from the default route");
        assertEquals("payments", routes.of(payments).receiver());
        assertEquals("default", routes.of(other).name());
        assertEquals(Map.of("severity", "warning", "team", "pipeline"), routes.of(other).groupLabels(other));
    }

    @Test
    void everyMistakeIsNamedByItsKey() {
        var broken = new Matched(List.of("severity"), "pagr", Optional.empty(), Optional.empty(), Optional.of(Duration.ofHours(5)),
                Optional.empty());
        var e = assertThrows(IllegalArgumentException.class, () -> Routes.from(config(DEFAULTS, broken), Set.of("slack", "pager")));
        assertEquals(List.of(
                "pipewatch.routes[0].match: 'severity' is not a matcher: write name=value, name!=value, name=~regex or name!~regex",
                "pipewatch.routes[0].match: give at least one matcher, such as severity=critical",
                "pipewatch.routes[0].receiver: no receiver 'pagr'; known: [pager, slack]",
                "pipewatch.routes[0].repeat-interval: must be at least the group interval"),
                List.of(e.getMessage().split("\n")));
    }

    /** Route regexes run on the same linear-time engine as silences, with its syntax and limits named by key. */
    @Test
    void aRouteRegexTheLinearEngineCannotRunIsNamedByItsKey() {
        var lookahead = Matched.of("pager", "alarm=~(?!test-).*");
        var huge = Matched.of("pager", "alarm=~" + "a".repeat(1001));
        var e = assertThrows(IllegalArgumentException.class, () -> Routes.from(config(DEFAULTS, lookahead, huge), Set.of("slack", "pager")));
        assertEquals(List.of(
                "pipewatch.routes[0].match: 'alarm=~(?!test-).*': not a regular expression: invalid or unsupported Perl syntax: `(?!`"
                        + " (RE2 syntax: no backreferences or lookaround)",
                "pipewatch.routes[0].match: give at least one matcher, such as severity=critical",
                "pipewatch.routes[1].match: 'alarm=~…': the regex has 1001 characters; at most 1000",
                "pipewatch.routes[1].match: give at least one matcher, such as severity=critical"),
                List.of(e.getMessage().split("\n")));
        var redos = Routes.from(config(DEFAULTS, Matched.of("pager", "alarm=~((\\w+-?)+)+y")), Set.of("slack", "pager"));
        var adversarial = alert("stream-consumers-" + "a".repeat(10_000), AlertState.FIRING, Severity.CRITICAL, Instant.EPOCH, Map.of());
        assertEquals("default", org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> redos.of(adversarial).name()));
    }

    private static PipewatchConfig config(PipewatchConfig.Route fallback, PipewatchConfig.MatchedRoute... routes) {
        return (PipewatchConfig) Proxy.newProxyInstance(PipewatchConfig.class.getClassLoader(), new Class<?>[] {PipewatchConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "route" -> fallback;
                    case "routes" -> Optional.of(List.of(routes));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
