package io.pipewatch.incident;

import static io.pipewatch.incident.CauseRule.ANY_STAGE;
import static io.pipewatch.incident.CauseRule.Relation.CONSUMER;
import static io.pipewatch.incident.CauseRule.Relation.SAME_STAGE;
import static io.pipewatch.incident.CauseRule.Relation.UPSTREAM;
import static io.pipewatch.incident.Symptom.BACKLOG;
import static io.pipewatch.incident.Symptom.DURATION;
import static io.pipewatch.incident.Symptom.ERRORS;
import static io.pipewatch.incident.Symptom.LATE_DATA;
import static io.pipewatch.incident.Symptom.STALE_WRITES;
import static io.pipewatch.incident.Symptom.SURGE;
import static io.pipewatch.incident.Symptom.THROTTLES;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What explains what in a streaming pipeline, one table per stage type of the cause. Kept as data: a new stage type
 * or a lesson from a post-mortem is a new row, and README's "Incidents" section lists them as they are here.
 */
public final class CauseRules {

    private static final Set<Symptom> STRUGGLING = Set.of(ERRORS, THROTTLES, DURATION);

    /** Rules whose cause is a Lambda function. */
    static final List<CauseRule> LAMBDA = List.of(
            new CauseRule("lambda", STRUGGLING, "kinesis-stream", Set.of(BACKLOG), CONSUMER,
                    "a consumer that fails, is throttled or runs slow leaves its input unread"),
            new CauseRule("lambda", STRUGGLING, "dynamodb-stream", Set.of(BACKLOG), CONSUMER,
                    "a consumer that fails, is throttled or runs slow leaves its input unread"),
            new CauseRule("lambda", STRUGGLING, "lambda", Set.of(BACKLOG), SAME_STAGE,
                    "a consumer that fails, is throttled or runs slow leaves its input unread"),
            new CauseRule("lambda", Set.of(DURATION), "lambda", Set.of(ERRORS), SAME_STAGE,
                    "invocations that run into the timeout count as errors"));

    /** Rules whose cause is a DynamoDB table. */
    static final List<CauseRule> DYNAMODB_TABLE = List.of(
            new CauseRule("dynamodb-table", Set.of(THROTTLES), "lambda", Set.of(DURATION, ERRORS), CONSUMER,
                    "a throttled table slows the Lambda writing to it (the SDK retries) and fails it when retries run out"));

    /** Rules whose cause is a Kinesis stream. */
    static final List<CauseRule> KINESIS_STREAM = List.of(
            new CauseRule("kinesis-stream", Set.of(SURGE), ANY_STAGE, Set.of(THROTTLES, BACKLOG, DURATION, ERRORS), UPSTREAM,
                    "a traffic surge into the stream loads every stage after it"),
            new CauseRule("kinesis-stream", Set.of(SURGE, THROTTLES), "kinesis-stream", Set.of(BACKLOG), SAME_STAGE,
                    "records come in faster than they are read, or reads are throttled"));

    /** Rules whose cause is late data. */
    static final List<CauseRule> LATE_LOGS = List.of(
            new CauseRule("late-logs", Set.of(LATE_DATA), "dynamodb-stream", Set.of(STALE_WRITES), UPSTREAM,
                    "late logs update time buckets the roll-ups already closed, which their input reports as saturation"));

    public static final List<CauseRule> ALL = java.util.stream.Stream.of(LAMBDA, DYNAMODB_TABLE, KINESIS_STREAM, LATE_LOGS)
            .flatMap(List::stream).toList();

    private CauseRules() {
    }

    /** The first rule by which {@code cause} on {@code c} explains {@code effect} on {@code e}, if any. */
    public static Optional<CauseRule> explaining(Pipeline pipeline, PipelineStage c, Symptom cause, PipelineStage e,
            Symptom effect) {
        return ALL.stream().filter(r -> r.explains(pipeline, c, cause, e, effect)).findFirst();
    }
}
