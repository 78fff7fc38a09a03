package io.pipewatch.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
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

    /** The file's top-level mapping, or empty after recording why it could not be read. */
    public static Optional<YamlMapping> load(Path file, DefinitionProblems problems) {
        try (Reader reader = Files.newBufferedReader(file)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Node root = new Yaml(options).compose(reader);
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
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            problems.add(new DefinitionProblem(file, line, column, "(syntax)", e.getProblem()));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new DefinitionProblem(file, 0, 0, "(file)", "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
