package io.pipewatch.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.Converters;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides whether the raw values of Pipewatch's settings can become what the {@code @ConfigMapping}
 * interfaces ask for, before SmallRye converts them: each that cannot is one line naming the key and
 * its environment variable ({@code pipewatch.route.group-wait (PIPEWATCH_ROUTE_GROUP_WAIT): 'soon' is
 * not a duration such as 30s, 5m or PT5M}). Stricter than SmallRye where SmallRye guesses: a boolean
 * is {@code true} or {@code false} (SmallRye reads {@code banana} as false), a number is finite.
 */
public final class ConfigValueProblems {

    /** Lists of groups ({@code pipewatch.routes[0]…}) are checked up to this index; nobody writes a hundred routes. */
    private static final int MAX_INDEX = 100;

    private ConfigValueProblems() {
    }

    /**
     * @param mappings the {@code @ConfigMapping} interfaces whose keys to check
     * @param lookup the raw value of a key, as configuration resolves it (environment, system property, file)
     */
    public static List<String> of(List<Class<?>> mappings, Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        for (Class<?> mapping : mappings) {
            for (MappedKeys.Key key : MappedKeys.of(mapping)) {
                for (String name : indexed(key.name())) {
                    lookup.apply(name).filter(v -> !v.isBlank())
                            .flatMap(value -> refusal(key.type(), value))
                            .ifPresent(why -> problems.add(name + " (" + environmentVariable(name) + "): " + why));
                }
            }
        }
        return problems;
    }

    /** The names a key with an index placeholder stands for. */
    private static List<String> indexed(String name) {
        if (!name.contains(MappedKeys.INDEX)) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < MAX_INDEX; i++) {
            names.add(name.replace(MappedKeys.INDEX, "[" + i + "]"));
        }
        return names;
    }

    /** Why the value cannot be read as the type, or empty when it can. */
    static Optional<String> refusal(Type type, String raw) {
        String value = raw.strip();
        String quoted = "'" + Excerpt.of(value) + "'";
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                    .map(v -> refusal(p.getActualTypeArguments()[0], v)).flatMap(Optional::stream).findFirst();
        }
        try {
            if (type == Duration.class) {
                if (DurationConverter.parseDuration(value).isNegative()) {
                    return Optional.of(quoted + " is negative: a duration such as 30s, 5m or PT5M");
                }
            } else if (type == boolean.class || type == Boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    return Optional.of(quoted + " is not true or false");
                }
            } else if (type == int.class || type == Integer.class) {
                FiniteNumber.parseWhole(value);
            } else if (type == long.class || type == Long.class) {
                if (!value.matches("[-+]?[0-9]+")) {
                    return Optional.of(quoted + " is not a whole number");
                }
                Long.parseLong(value);
            } else if (type == double.class || type == Double.class) {
                FiniteNumber.parse(value);
            } else if (type == URI.class) {
                new URI(value);
            } else if (type instanceof Class<?> c && c.isEnum()) {
                return enumRefusal(c, value, quoted);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(quoted + " is not a URI: " + e.getReason());
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException | ArithmeticException e) {
            return Optional.of(type == Duration.class ? quoted + " is not a duration such as 30s, 5m or PT5M"
                    : Optional.ofNullable(e.getMessage()).filter(m -> m.startsWith("'")).orElse(quoted + " is not valid"));
        }
    }

    /** Accepts exactly what SmallRye's own enum conversion accepts, so the two never disagree. */
    private static Optional<String> enumRefusal(Class<?> type, String value, String quoted) {
        try {
            Converters.getImplicitConverter(type).convert(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
            return Optional.of(quoted + " is not one of " + accepted);
        }
    }

    /** SmallRye's rule: every character that is not a letter or digit becomes {@code _}, then upper case. */
    public static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
