package io.pipewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValueProblemsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "pipewatch.route.group-wait | soon | pipewatch.route.group-wait (PIPEWATCH_ROUTE_GROUP_WAIT): 'soon' is not a duration such as 30s, 5m or PT5M",
            "pipewatch.poll-interval | fast | pipewatch.poll-interval (PIPEWATCH_POLL_INTERVAL): 'fast' is not a duration such as 30s, 5m or PT5M",
            "pipewatch.poll-interval | -5s | pipewatch.poll-interval (PIPEWATCH_POLL_INTERVAL): '-5s' is negative: a duration such as 30s, 5m or PT5M",
            "pipewatch.sns.verify-signatures | banana | pipewatch.sns.verify-signatures (PIPEWATCH_SNS_VERIFY_SIGNATURES): 'banana' is not true or false",
            "pipewatch.sns.verify-signatures | yes | pipewatch.sns.verify-signatures (PIPEWATCH_SNS_VERIFY_SIGNATURES): 'yes' is not true or false",
            "pipewatch.sns.verify-signatures | 0 | pipewatch.sns.verify-signatures (PIPEWATCH_SNS_VERIFY_SIGNATURES): '0' is not true or false",
            "pipewatch.store.points-per-series | lots | pipewatch.store.points-per-series (PIPEWATCH_STORE_POINTS_PER_SERIES): 'lots' is not a whole number",
            "pipewatch.demo.speed | Infinity | pipewatch.demo.speed (PIPEWATCH_DEMO_SPEED): 'Infinity' is infinite: write a finite decimal such as 0.5, 30000 or 1e6",
            "pipewatch.demo.seed | 0x2A | pipewatch.demo.seed (PIPEWATCH_DEMO_SEED): '0x2A' is not a whole number",
            "pipewatch.mode | staging | pipewatch.mode (PIPEWATCH_MODE): 'staging' is not one of demo, aws",
            "pipewatch.streams.initial-position | middle | pipewatch.streams.initial-position (PIPEWATCH_STREAMS_INITIAL_POSITION): 'middle' is not one of latest, trim-horizon",
            "pipewatch.cloudwatch.endpoint | http://a b | pipewatch.cloudwatch.endpoint (PIPEWATCH_CLOUDWATCH_ENDPOINT): 'http://a b' is not a URI: Illegal character in authority",
            "pipewatch.routes[2].group-interval | often | pipewatch.routes[2].group-interval (PIPEWATCH_ROUTES_2__GROUP_INTERVAL): 'often' is not a duration such as 30s, 5m or PT5M"})
    void refusesAValueItsTypeCannotHold(String key, String value, String expected) {
        assertEquals(List.of(expected), ConfigValueProblems.of(List.of(PipewatchConfig.class), lookup(Map.of(key, value))));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "pipewatch.route.group-wait | 30s", "pipewatch.route.group-wait | PT5M", "pipewatch.route.group-wait | 45",
            "pipewatch.route.group-wait | 500ms", "pipewatch.sns.verify-signatures | true", "pipewatch.sns.verify-signatures | FALSE",
            "pipewatch.mode | demo", "pipewatch.mode | AWS", "pipewatch.streams.initial-position | TRIM_HORIZON",
            "pipewatch.streams.initial-position | trim-horizon", "pipewatch.demo.speed | 0.5", "pipewatch.store.points-per-series | 2160",
            "pipewatch.public-url | not checked here: a String", "pipewatch.slack.webhook-url | secret, never echoed",
            "pipewatch.sns.topic-arns | arn:a,arn:b", "pipewatch.route.group-wait | ''"})
    void acceptsWhatSmallRyeReadsAsMeant(String key, String value) {
        assertEquals(List.of(), ConfigValueProblems.of(List.of(PipewatchConfig.class), lookup(Map.of(key, value))));
    }

    @Test
    void namesEveryKeyOfTheMappingAsSmallRyeDoes() {
        var names = MappedKeys.of(PipewatchConfig.class).stream().map(MappedKeys.Key::name).toList();
        for (String name : List.of("pipewatch.mode", "pipewatch.poll-interval", "pipewatch.route.group-wait",
                "pipewatch.routes[*].group-wait", "pipewatch.sns.verify-signatures", "pipewatch.streams.publish.enabled",
                "pipewatch.cloudwatch.max-calls-per-second", "pipewatch.store.points-per-series")) {
            assertEquals(true, names.contains(name), name + " in " + names);
        }
        assertEquals(false, names.stream().anyMatch(n -> n.startsWith("pipewatch.receivers")), "map keys are the user's names");
    }

    @Test
    void theVariableIsSmallRyesSpelling() {
        assertEquals("PIPEWATCH_ROUTES_0__GROUP_WAIT", ConfigValueProblems.environmentVariable("pipewatch.routes[0].group-wait"));
    }

    private static java.util.function.Function<String, Optional<String>> lookup(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
