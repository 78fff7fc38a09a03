package io.pipewatch.config;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Decides whether a YAML text uses only what definitions need, before a node tree is built from it:
 * no anchors or aliases (they have no use in a definition, and an alias bomb expands a few lines into
 * billions of nodes), nesting at most {@value #MAX_DEPTH} deep, and no value longer than
 * {@value #MAX_SCALAR} characters. The first place that breaks a rule is named by line, column and key,
 * where SnakeYAML's own limits would throw without a position.
 */
final class YamlLimits {

    static final int MAX_DEPTH = 50;
    static final int MAX_SCALAR = 65_536;

    private YamlLimits() {
    }

    /**
     * The first rule the text breaks, if any.
     *
     * @throws org.yaml.snakeyaml.error.MarkedYAMLException when the text is not YAML at all
     */
    static Optional<DefinitionProblem> check(Path file, String text, LoaderOptions options) {
        Deque<Frame> open = new ArrayDeque<>();
        for (Event event : new Yaml(options).parse(new StringReader(text))) {
            if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                open.pop();
                continue;
            }
            if (!(event instanceof NodeEvent node)) {
                continue;
            }
            String key = open.isEmpty() ? "" : open.peek().next(event);
            Optional<String> broken = broken(node, open.size());
            if (broken.isPresent()) {
                Mark mark = event.getStartMark();
                return Optional.of(new DefinitionProblem(file, mark.getLine() + 1, mark.getColumn() + 1,
                        key.isEmpty() ? "(document)" : key, broken.get()));
            }
            if (event instanceof CollectionStartEvent) {
                open.push(new Frame(key, event.is(Event.ID.MappingStart)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> broken(NodeEvent node, int depth) {
        if (node instanceof AliasEvent alias) {
            return Optional.of("alias *" + alias.getAnchor() + " is not allowed: write the value out in full"
                    + " (definitions use no anchors or aliases)");
        }
        if (node.getAnchor() != null) {
            return Optional.of("anchor &" + node.getAnchor() + " is not allowed: write the value out where it is needed"
                    + " (definitions use no anchors or aliases)");
        }
        if (node instanceof CollectionStartEvent && depth >= MAX_DEPTH) {
            return Optional.of("nested deeper than " + MAX_DEPTH + " levels; definitions need a handful");
        }
        if (node instanceof ScalarEvent scalar && scalar.getValue().length() > MAX_SCALAR) {
            return Optional.of("a value of " + scalar.getValue().length() + " characters is longer than the "
                    + MAX_SCALAR + " allowed");
        }
        return Optional.empty();
    }

    /** An open mapping or list, and where its next node goes: the key path used in every problem line. */
    private static final class Frame {
        private final String path;
        private final boolean mapping;
        private boolean atKey = true;
        private String key = "(key)";
        private int index;

        Frame(String path, boolean mapping) {
            this.path = path;
            this.mapping = mapping;
        }

        /** The path of the node this event starts, as {@link YamlMapping} writes keys ({@code alarms[0].summary}). */
        String next(Event event) {
            if (!mapping) {
                return path + "[" + index++ + "]";
            }
            if (atKey) {
                atKey = false;
                key = event instanceof ScalarEvent s && s.getValue().length() <= 200 ? s.getValue() : "(key)";
                return qualified(key);
            }
            atKey = true;
            return qualified(key);
        }

        private String qualified(String k) {
            return path.isEmpty() ? k : path + "." + k;
        }
    }
}
