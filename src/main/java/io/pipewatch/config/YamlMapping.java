package io.pipewatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed, strict access to one YAML mapping: every wrong value and every key nobody asked for
 * becomes a problem naming file, line, column and the key's full path ({@code stages[2].type}).
 */
public final class YamlMapping {

    private final Path file;
    private final String path;
    private final MappingNode node;
    private final DefinitionProblems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    YamlMapping(Path file, String path, MappingNode node, DefinitionProblems problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                entries.put(key.getValue(), tuple);
            } else {
                problemAt(tuple.getKeyNode(), "(key)", "keys must be plain strings");
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Marks a key as handled without reading it, when the caller reports on it itself. */
    public void handled(String key) {
        read.add(key);
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Optional<String> string(String key) {
        return scalar(key).map(ScalarNode::getValue);
    }

    public String requiredString(String key) {
        Optional<String> value = string(key);
        if (value.isEmpty() && !entries.containsKey(key)) {
            problem(key, "is required");
        }
        return value.filter(v -> !v.isBlank()).orElseGet(() -> {
            if (entries.containsKey(key)) {
                problem(key, "must not be empty");
            }
            return "";
        });
    }

    public Optional<Double> number(String key) {
        return parsed(key, "a number", Double::parseDouble);
    }

    public Optional<Integer> integer(String key) {
        return parsed(key, "a whole number", Integer::parseInt);
    }

    /** A duration written as seconds ({@code 60}) or with a unit ({@code 10s}, {@code 5m}, {@code 1h}). */
    public Optional<Duration> duration(String key) {
        return parsed(key, "a duration such as 60, 60s, 5m or 1h", YamlMapping::parseDuration);
    }

    /** An enumerated value: reports the accepted spellings when the value is not one of them. */
    public <E> Optional<E> oneOf(String key, Map<String, E> accepted) {
        return string(key).flatMap(value -> {
            E e = accepted.get(value);
            if (e == null) {
                problem(key, "'" + value + "' is not one of " + String.join(", ", accepted.keySet()));
            }
            return Optional.ofNullable(e);
        });
    }

    public Optional<YamlMapping> mapping(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        if (tuple.getValueNode() instanceof MappingNode m) {
            return Optional.of(new YamlMapping(file, qualified(key), m, problems));
        }
        problemAt(tuple.getValueNode(), key, "expected a mapping");
        return Optional.empty();
    }

    /** A list of mappings; each element's problems carry its index ({@code stages[1].name}). */
    public List<YamlMapping> mappings(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return List.of();
        }
        if (!(tuple.getValueNode() instanceof SequenceNode seq)) {
            problemAt(tuple.getValueNode(), key, "expected a list");
            return List.of();
        }
        List<YamlMapping> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String itemPath = key + "[" + i + "]";
            if (item instanceof MappingNode m) {
                out.add(new YamlMapping(file, qualified(itemPath), m, problems));
            } else {
                problemAt(item, itemPath, "expected a mapping");
            }
        }
        return out;
    }

    /** A flat mapping of strings to strings, such as dimensions or labels. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping(key).ifPresent(m -> {
            for (String k : m.entries.keySet()) {
                m.string(k).ifPresent(v -> out.put(k, v));
            }
        });
        return out;
    }

    /** Reports every key of this mapping that no accessor asked for. Call after reading. */
    public void rejectUnknownKeys() {
        for (var entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                problemAt(entry.getValue().getKeyNode(), entry.getKey(), "unknown key");
            }
        }
    }

    /** Records a problem at the key's line (or at this mapping when the key is absent). */
    public void problem(String key, String message) {
        NodeTuple tuple = entries.get(key);
        problemAt(tuple != null ? tuple.getKeyNode() : node, key, message);
    }

    private Optional<ScalarNode> scalar(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        if (tuple.getValueNode() instanceof ScalarNode s) {
            return Optional.of(s);
        }
        problemAt(tuple.getValueNode(), key, "expected a single value");
        return Optional.empty();
    }

    private <T> Optional<T> parsed(String key, String expected, Function<String, T> parser) {
        return string(key).flatMap(value -> {
            try {
                return Optional.of(parser.apply(value.trim()));
            } catch (RuntimeException e) {
                problem(key, "'" + value + "' is not " + expected);
                return Optional.empty();
            }
        });
    }

    private void problemAt(Node at, String key, String message) {
        Mark mark = at.getStartMark();
        problems.add(new DefinitionProblem(file, mark.getLine() + 1, mark.getColumn() + 1, qualified(key), message));
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** @throws IllegalArgumentException when the text is not a duration such as 60, 60s, 5m or 1h */
    public static Duration parseDuration(String text) {
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
