package io.pipewatch.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads definition files as SnakeYAML node trees, which keep the line and column of every key. */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** The {@code *.yaml} and {@code *.yml} files of a directory, sorted; a missing directory is a problem. */
    public static List<Path> list(Path dir, DefinitionProblems problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new DefinitionProblem(dir, 0, 0, "(directory)", "not a directory"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new DefinitionProblem(dir, 0, 0, "(directory)", "cannot list: " + e.getMessage()));
            return List.of();
        }
    }

    /**
     * The file's top-level mapping, or empty after recording why it could not be read. Every way a file
     * can be wrong ends as a problem with a position, never as an exception: bytes that are not text,
     * YAML that is not YAML, and YAML features that definitions refuse ({@link YamlLimits}).
     */
    public static Optional<YamlMapping> load(Path file, DefinitionProblems problems) {
        Optional<String> text = DefinitionText.read(file, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<DefinitionProblem> refused = YamlLimits.check(file, text.get(), options());
            if (refused.isPresent()) {
                problems.add(refused.get());
                return Optional.empty();
            }
            Node root = new Yaml(options()).compose(new StringReader(text.get()));
            if (root == null) {
                problems.add(new DefinitionProblem(file, 1, 1, "(document)", "file is empty"));
                return Optional.empty();
            }
            if (!(root instanceof MappingNode mapping)) {
                Mark mark = root.getStartMark();
                problems.add(new DefinitionProblem(file, mark.getLine() + 1, mark.getColumn() + 1, "(document)",
                        "expected a mapping of keys to values"));
                return Optional.empty();
            }
            return Optional.of(new YamlMapping(file, "", mapping, problems));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            problems.add(new DefinitionProblem(file, line, column, "(syntax)", e.getProblem()));
            return Optional.empty();
        } catch (YAMLException e) {
            // SnakeYAML's own limits, kept as a second line of defence behind YamlLimits, carry no position.
            problems.add(new DefinitionProblem(file, 1, 1, "(syntax)", e.getMessage()));
            return Optional.empty();
        }
    }

    /** SnakeYAML's limits, set just beyond YamlLimits' so that YamlLimits names the place first. */
    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(YamlLimits.MAX_DEPTH + 1);
        options.setCodePointLimit(DefinitionText.MAX_BYTES);
        return options;
    }
}
