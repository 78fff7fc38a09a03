package io.pipewatch.incident;

import io.pipewatch.signal.MetricId;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A pipeline's stages in data-flow order, with the arrows between them: what a dashboard file describes. */
public record Pipeline(String id, String title, List<PipelineStage> stages) {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    /**
     * The stage an alarm watching {@code metrics} belongs to: the one charting one of them, else one whose resource a
     * metric's dimension names (in the metric's namespace's stage when two share the name, as a table and its stream do).
     */
    public Optional<PipelineStage> stageOf(List<MetricId> metrics) {
        for (MetricId m : metrics) {
            for (PipelineStage s : stages) {
                if (s.metrics().contains(m)) {
                    return Optional.of(s);
                }
            }
        }
        for (MetricId m : metrics) {
            List<PipelineStage> named = stages.stream().filter(s -> m.dimensions().containsValue(s.resource())).toList();
            Optional<PipelineStage> sameNamespace = named.stream()
                    .filter(s -> s.metrics().stream().anyMatch(c -> c.namespace().equals(m.namespace()))).findFirst();
            if (sameNamespace.isPresent() || !named.isEmpty()) {
                return sameNamespace.or(() -> Optional.of(named.get(0)));
            }
        }
        return Optional.empty();
    }

    /** True when data flows from {@code from} into {@code to} in one step. */
    public boolean feedsDirectly(PipelineStage from, PipelineStage to) {
        return from.feeds().contains(to.id());
    }

    /** True when data flows from {@code from} into {@code to}, in one step or through other stages. */
    public boolean upstreamOf(PipelineStage from, PipelineStage to) {
        Set<String> seen = new HashSet<>();
        var next = new ArrayDeque<>(from.feeds());
        while (!next.isEmpty()) {
            String id = next.poll();
            if (id.equals(to.id())) {
                return true;
            }
            if (seen.add(id)) {
                stage(id).ifPresent(s -> next.addAll(s.feeds()));
            }
        }
        return false;
    }

    /** A stage's place in data-flow order, for ties: the earlier stage is the likelier cause; unknown ids come last. */
    int order(String stageId) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(stageId)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    Optional<PipelineStage> stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
