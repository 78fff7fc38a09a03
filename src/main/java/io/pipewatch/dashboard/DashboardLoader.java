package io.pipewatch.dashboard;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.YamlFiles;
import io.pipewatch.config.YamlMapping;
import io.pipewatch.signal.KnownMetrics;
import io.pipewatch.signal.MetricId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code dashboards/*.yaml} strictly; the file name is the dashboard's id. Stages name a
 * resource and its type; the golden-signal panels are generated from the type.
 */
public final class DashboardLoader {

    private final Duration saturationThreshold;

    /** @param saturationThreshold drawn beside stream record ages ({@code pipewatch.streams.saturation-threshold}) */
    public DashboardLoader(Duration saturationThreshold) {
        this.saturationThreshold = saturationThreshold;
    }

    public List<DashboardDefinition> load(Path dir, DefinitionProblems problems) {
        List<DashboardDefinition> out = new ArrayList<>();
        for (Path file : YamlFiles.list(dir, problems)) {
            YamlFiles.load(file, problems).flatMap(root -> read(root, file)).ifPresent(out::add);
        }
        return out;
    }

    private Optional<DashboardDefinition> read(YamlMapping root, Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String title = root.requiredString("title");
        String description = root.string("description").orElse("");
        List<YamlMapping> stageEntries = root.mappings("stages");
        if (stageEntries.isEmpty()) {
            root.problem("stages", "is required: the pipeline's stages, in data-flow order");
        }
        root.rejectUnknownKeys();
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < stageEntries.size(); i++) {
            stage(stageEntries.get(i), i).ifPresent(stages::add);
        }
        if (title.isEmpty() || stages.size() != stageEntries.size() || stages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DashboardDefinition(id, title, description, List.copyOf(stages), file));
    }

    private Optional<Stage> stage(YamlMapping s, int index) {
        StageType type = s.oneOf("type", StageType.spellings()).orElse(null);
        if (type == null && !s.has("type")) {
            s.problem("type", "is required: one of " + String.join(", ", StageType.spellings().keySet()));
        }
        String resource = s.requiredString("name");
        String title = s.string("title").orElse(null);
        Optional<Duration> timeout = Optional.empty();
        Optional<Double> provisioned = Optional.empty();
        String namespace = null;
        if (type == StageType.LAMBDA) {
            timeout = s.duration("timeout");
        }
        if (type == StageType.DYNAMODB_TABLE) {
            provisioned = s.number("provisioned_wcu");
        }
        if (type == StageType.LATE_LOGS) {
            namespace = s.requiredString("namespace");
            if (!namespace.isEmpty()) {
                var typo = KnownMetrics.check(MetricId.of(namespace, "LateLogCount", Map.of()));
                if (typo.isPresent()) {
                    s.problem("namespace", typo.get().message());
                    namespace = "";
                }
            }
        }
        s.rejectUnknownKeys();
        if (type == null || resource.isEmpty() || type == StageType.LATE_LOGS && namespace.isEmpty()) {
            return Optional.empty();
        }
        var panels = GoldenSignals.panels(type, resource, namespace,
                timeout.map(d -> (double) d.toMillis()).orElse(null), provisioned.orElse(null),
                saturationThreshold.toMillis());
        return Optional.of(new Stage("stage-" + index, type, resource,
                title != null ? title : type.description() + " " + resource, panels));
    }
}
