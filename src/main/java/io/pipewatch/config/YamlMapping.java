package io.pipewatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * Typed, strict access to one YAML mapping: every wrong value, every key given twice and every key
 * nobody asked for becomes a problem naming file, line, column and the key's full path
 * ({@code stages[2].type}). An unknown key is explained when it can be: a near spelling of a key that
 * belongs here ("did you mean"), or a key that belongs one level down or up.
 */
public final class YamlMapping {

    private final Path file;
    private final String path;
    private final MappingNode node;
    private final DefinitionProblems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();
    /** Keys valid here that this reading did not ask for (the other branch of a choice), for suggestions only. */
    private final Set<String> known = new LinkedHashSet<>();
    private final YamlMapping parent;
    /** The key (or {@code key[i]}) this mapping is the value of, as written in its parent. */
    private final String nameInParent;
    private final List<YamlMapping> children = new ArrayList<>();

    YamlMapping(Path file, String path, MappingNode node, DefinitionProblems problems) {
        this(file, path, node, problems, null, "");
    }

    private YamlMapping(Path file, String path, MappingNode node, DefinitionProblems problems, YamlMapping parent,
            String nameInParent) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        this.parent = parent;
        this.nameInParent = nameInParent;
        if (parent != null) {
            parent.children.add(this);
        }
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
                if (first != null) {
                    // SnakeYAML checks duplicates only when it constructs objects, never in the node tree read here.
                    problemAt(key, key.getValue(), "appears twice, at lines " + (first.getKeyNode().getStartMark().getLine() + 1)
                            + " and " + (key.getStartMark().getLine() + 1) + ": keep one");
                }
            } else {
                problemAt(tuple.getKeyNode(), "(key)", "keys must be plain strings");
            }
        }
    }

    /**
     * Declares keys that belong in this mapping although this reading does not ask for them (an alarm
     * on one metric never reads {@code expression}), so that their misspellings still get a suggestion.
     */
    public void known(Collection<String> keys) {
        known.addAll(keys);
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

    /** A finite decimal number: NaN, infinities, hex and numbers beyond a double's range are refused ({@link FiniteNumber}). */
    public Optional<Double> number(String key) {
        return checked(key, FiniteNumber::parse);
    }

    public Optional<Integer> integer(String key) {
        return checked(key, FiniteNumber::parseWhole);
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
                problem(key, "'" + Excerpt.of(value) + "' is not one of " + String.join(", ", accepted.keySet()));
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
            return Optional.of(new YamlMapping(file, qualified(key), m, problems, this, key));
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
                out.add(new YamlMapping(file, qualified(itemPath), m, problems, this, itemPath));
            } else {
                problemAt(item, itemPath, "expected a mapping");
            }
        }
        return out;
    }

    /** A list of single values ({@code [a, b]}, or one value for a list of one); empty when the key is absent. */
    public List<String> strings(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return List.of();
        }
        if (tuple.getValueNode() instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(tuple.getValueNode() instanceof SequenceNode seq)) {
            problemAt(tuple.getValueNode(), key, "expected a list of values");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            if (seq.getValue().get(i) instanceof ScalarNode s) {
                out.add(s.getValue());
            } else {
                problemAt(seq.getValue().get(i), key + "[" + i + "]", "expected a single value");
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

    /** Reports every key of this mapping that no accessor asked for, with a hint where one helps. Call after reading. */
    public void rejectUnknownKeys() {
        for (var entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                problemAt(entry.getValue().getKeyNode(), entry.getKey(), "unknown key" + hint(entry.getKey()));
            }
        }
    }

    /** A key in the wrong place is a likelier mistake than a misspelling, so it is looked for first. */
    private String hint(String key) {
        Optional<String> below = childKnowing(key);
        if (below.isPresent()) {
            return "; " + key + " belongs inside " + below.get() + ":";
        }
        String beside = nameInParent.replaceFirst("\\[\\d+]$", "");
        // metric: {metric: …} is a different slip (a wrong key name), not a key one level too deep.
        if (parent != null && parent.belongs(key) && !key.equals(beside)) {
            return "; " + key + " belongs one level up, beside " + beside + ":";
        }
        Set<String> here = new LinkedHashSet<>(read);
        here.addAll(known);
        return Spelling.nearest(key, here).map(k -> "; did you mean " + k + "?").orElse("");
    }

    private boolean belongs(String key) {
        return read.contains(key) || known.contains(key);
    }

    /** The nearest mapping below this one (its path relative to this one) whose reader asked for the key. */
    private Optional<String> childKnowing(String key) {
        for (YamlMapping child : children) {
            if (child.belongs(key)) {
                return Optional.of(child.nameInParent);
            }
        }
        for (YamlMapping child : children) {
            Optional<String> deeper = child.childKnowing(key);
            if (deeper.isPresent()) {
                return Optional.of(child.nameInParent + "." + deeper.get());
            }
        }
        return Optional.empty();
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
                problem(key, "'" + Excerpt.of(value) + "' is not " + expected);
                return Optional.empty();
            }
        });
    }

    /** Like {@link #parsed}, for parsers whose message already says what is wrong with the value. */
    private <T> Optional<T> checked(String key, Function<String, T> parser) {
        return string(key).flatMap(value -> {
            try {
                return Optional.of(parser.apply(value));
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
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

    /**
     * @throws IllegalArgumentException when the text is not a duration such as 60, 60s, 5m or 1h, or one
     *         too long to count in milliseconds (as every user of it does)
     */
    public static Duration parseDuration(String text) {
        try {
            Duration duration = unbounded(text);
            duration.toMillis();
            return duration;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(text + " is too long", e);
        }
    }

    private static Duration unbounded(String text) {
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
