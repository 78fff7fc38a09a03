package io.pipewatch.incident;

import java.util.Set;

/**
 * One thing the pipeline means: trouble of kind {@code causes} on a stage of type {@code causeType} explains trouble
 * of kind {@code effects} on a stage of type {@code effectType} ({@code *} for any) placed as {@code relation} says;
 * {@code why} says it in words, for the incident's reasoning line.
 */
public record CauseRule(String causeType, Set<Symptom> causes, String effectType, Set<Symptom> effects, Relation relation,
        String why) {

    public static final String ANY_STAGE = "*";

    /** Where the cause's stage sits relative to the effect's. */
    public enum Relation {
        /** The same stage: a Lambda's timeouts are its errors. */
        SAME_STAGE,
        /** The cause's stage takes the effect's output directly: a consumer and its input, a table and its writer. */
        CONSUMER,
        /** Data flows from the cause's stage into the effect's, in one step or several. */
        UPSTREAM
    }

    public CauseRule {
        causes = Set.copyOf(causes);
        effects = Set.copyOf(effects);
    }

    /** True when trouble {@code cause} on stage {@code c} explains {@code effect} on stage {@code e} of {@code pipeline}. */
    public boolean explains(Pipeline pipeline, PipelineStage c, Symptom cause, PipelineStage e, Symptom effect) {
        if (!c.type().equals(causeType) || !causes.contains(cause) || !effects.contains(effect)
                || !(effectType.equals(ANY_STAGE) || e.type().equals(effectType))) {
            return false;
        }
        return switch (relation) {
            case SAME_STAGE -> c.id().equals(e.id());
            case CONSUMER -> pipeline.feedsDirectly(e, c);
            case UPSTREAM -> pipeline.upstreamOf(c, e);
        };
    }
}
