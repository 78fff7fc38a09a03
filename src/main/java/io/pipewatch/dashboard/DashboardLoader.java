package io.pipewatch.dashboard;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.Excerpt;
import io.pipewatch.config.YamlFiles;
import io.pipewatch.config.YamlMapping;
import io.pipewatch.incident.StageCapacity;
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
 * resource (or a name prefix to discover) and its type; the golden-signal panels are generated from the type.
 */
public final class DashboardLoader {

    /** Keys only one type of stage reads; on any other they are explained rather than merely unknown. */
    private static final Map<String, StageType> TYPE_KEYS = Map.of("timeout", StageType.LAMBDA,
            "provisioned_wcu", StageType.DYNAMODB_TABLE, "namespace", StageType.LATE_LOGS, "retention", StageType.KINESIS_STREAM,
            "shards", StageType.KINESIS_STREAM, "batch_size", StageType.LAMBDA);
    /** What AWS allows a Kinesis stream to keep records for. */
    private static final Duration MIN_RETENTION = Duration.ofHours(24);
    private static final Duration MAX_RETENTION = Duration.ofDays(365);

    private final Duration saturationThreshold;

    /** @param saturationThreshold drawn beside stream record ages ({@code pipewatch.streams.saturation-threshold}) */
    public DashboardLoader(Duration saturationThreshold) {
        this.saturationThreshold = saturationThreshold;
    }

    /** The dashboards with named stages only; a prefix stage shows as not looked up yet. */
    public List<DashboardDefinition> load(Path dir, DefinitionProblems problems) {
        return specs(dir, problems).stream().map(d -> d.resolve(Map.of(), saturationThreshold)).toList();
    }

    List<DashboardSpec> specs(Path dir, DefinitionProblems problems) {
        List<DashboardSpec> out = new ArrayList<>();
        for (Path file : YamlFiles.list(dir, problems)) {
            YamlFiles.load(file, problems).flatMap(root -> read(root, file)).ifPresent(out::add);
        }
        return out;
    }

    private Optional<DashboardSpec> read(YamlMapping root, Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String title = root.requiredString("title");
        String description = root.string("description").orElse("");
        List<YamlMapping> stageEntries = root.mappings("stages");
        if (stageEntries.isEmpty()) {
            root.problem("stages", "is required: the pipeline's stages, in data-flow order");
        }
        List<StageSpec> stages = new ArrayList<>();
        List<YamlMapping> read = new ArrayList<>();
        for (YamlMapping entry : stageEntries) {
            stage(entry).ifPresent(s -> {
                stages.add(s);
                read.add(entry);
            });
        }
        if (stages.size() == stageEntries.size()) {
            for (int i = 0; i < stages.size(); i++) {
                stages.set(i, withFeeds(stages.get(i), read.get(i), stages));
            }
        }
        // After the stages, so that a stage's key written at the top is recognised as one.
        root.rejectUnknownKeys();
        if (title.isEmpty() || stages.size() != stageEntries.size() || stages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DashboardSpec(id, title, description, List.copyOf(stages), file));
    }

    /**
     * Resolves {@code feeds:} (the stages this one's data flows into, when that is not simply the next stage) to
     * positions in the file; a reference that names no stage, or two, is a problem at the stage's {@code feeds}.
     */
    private static StageSpec withFeeds(StageSpec spec, YamlMapping s, List<StageSpec> all) {
        if (!s.has("feeds")) {
            return spec;
        }
        List<Integer> targets = new ArrayList<>();
        for (String reference : s.strings("feeds")) {
            List<Integer> matches = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).named(reference)) {
                    matches.add(i);
                }
            }
            if (matches.size() == 1) {
                targets.add(matches.get(0));
            } else {
                s.problem("feeds", "'" + Excerpt.of(reference) + "' " + (matches.isEmpty() ? "names no stage" : "names "
                        + matches.size() + " stages") + "; write one of " + String.join(", ", all.stream().map(StageSpec::reference).toList()));
            }
        }
        return new StageSpec(spec.type(), spec.name(), spec.prefix(), spec.tags(), spec.title(), spec.timeoutMs(),
                spec.provisionedWcu(), spec.namespace(), Optional.of(List.copyOf(targets)), spec.capacity());
    }

    private Optional<StageSpec> stage(YamlMapping s) {
        s.known(TYPE_KEYS.keySet());
        s.handled("feeds"); // read once every stage is known
        StageType type = s.oneOf("type", StageType.spellings()).orElse(null);
        if (type == null && !s.has("type")) {
            s.problem("type", "is required: one of " + String.join(", ", StageType.spellings().keySet()));
        }
        String name = s.string("name").orElse(null);
        String prefix = s.string("name_prefix").orElse(null);
        Map<String, String> tags = s.has("tags") ? s.stringMap("tags") : Map.of();
        long ways = java.util.stream.Stream.of(name != null, prefix != null, s.has("tags")).filter(b -> b).count();
        boolean named = ways == 1 && (name != null && !name.isEmpty() || prefix != null && !prefix.isEmpty() || !tags.isEmpty());
        if (ways > 1) {
            s.problem(prefix != null ? "name_prefix" : "tags",
                    "use one of name, name_prefix and tags: a stage shows one resource by name, or all by a prefix or tags");
        } else if (!named) {
            s.problem(s.has("tags") ? "tags" : "name",
                    "is required: the resource's name (or name_prefix: or tags: to show every resource they match)");
        } else if (name == null && type != null && !type.discoverable()) {
            s.problem(prefix != null ? "name_prefix" : "tags", "is not available for " + type.spelling()
                    + ": tailed tables are listed in pipewatch.streams.tables; name each one");
            named = false;
        }
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
        StageCapacity capacity = StageCapacity.DEFAULT;
        if (type == StageType.KINESIS_STREAM) {
            Duration retention = s.duration("retention").orElse(capacity.retention());
            if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
                s.problem("retention", "must be between 24h and 8760h (365 days), as Kinesis allows");
                retention = capacity.retention();
            }
            int shards = s.integer("shards").orElse(capacity.shards());
            if (shards < 1) {
                s.problem("shards", "must be at least 1");
                shards = capacity.shards();
            }
            capacity = capacity.withRetention(retention).withShards(shards);
        }
        if (type == StageType.LAMBDA) {
            int batch = s.integer("batch_size").orElse(capacity.batchSize());
            if (batch < 1 || batch > 10_000) {
                s.problem("batch_size", "must be between 1 and 10000, as Lambda's Kinesis event source allows");
                batch = capacity.batchSize();
            }
            capacity = capacity.withBatchSize(batch);
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
        if (type != null) {
            TYPE_KEYS.forEach((key, only) -> {
                if (only != type && s.has(key)) {
                    s.handled(key);
                    s.problem(key, "is read for " + only.spelling() + " stages only, not " + type.spelling());
                }
            });
        }
        s.rejectUnknownKeys();
        if (type == null || !named || type == StageType.LATE_LOGS && namespace.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StageSpec(type, name, prefix, tags, title, timeout.map(d -> (double) d.toMillis()).orElse(null),
                provisioned.orElse(null), namespace, Optional.empty(), capacity));
    }
}
