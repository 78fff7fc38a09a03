package io.pipewatch.alarmcode;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.AlarmLoader;
import io.pipewatch.rule.EvaluatedBy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What plan, apply and export share: the alarms, which CloudWatch alarms are ours, where they notify. */
final class DeployOptions {

    @Option(names = "--alarms-dir", defaultValue = "alarms", description = "alarm definitions (default: ${DEFAULT-VALUE})")
    Path alarmsDir;

    @Option(names = "--prefix", defaultValue = "pipewatch-",
            description = "name prefix of the CloudWatch alarms Pipewatch owns; others are never touched (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--topic-arn", defaultValue = "${env:PIPEWATCH_ALARMS_TOPIC_ARN}",
            description = "SNS topic notified on ALARM and OK (env PIPEWATCH_ALARMS_TOPIC_ARN)")
    String topicArn;

    @Option(names = "--public-url", defaultValue = "${env:PIPEWATCH_PUBLIC_URL:-http://localhost:8080}",
            description = "base of relative runbook links in AlarmDescription (env PIPEWATCH_PUBLIC_URL; default: ${DEFAULT-VALUE})")
    String publicUrl;

    @Option(names = "--no-actions", description = "deploy alarms that notify nobody (instead of --topic-arn)")
    boolean noActions;

    /**
     * Plan and apply need to know where alarms notify: without it, apply would silently strip the SNS
     * actions from every owned alarm. Returns false after saying so.
     */
    private boolean actionsChosen(PrintWriter err) {
        boolean topic = topicArn != null && !topicArn.isBlank();
        if (topic == noActions) {
            err.println(topic ? "--topic-arn and --no-actions exclude each other"
                    : "set --topic-arn (or PIPEWATCH_ALARMS_TOPIC_ARN) to the SNS topic the alarms notify, or --no-actions");
            return false;
        }
        return true;
    }

    CloudWatchAlarmSpec.Deployment deployment() {
        return new CloudWatchAlarmSpec.Deployment(prefix, topicArn == null || topicArn.isBlank() ? null : topicArn, publicUrl);
    }

    /** What plan and apply deploy: actions chosen and alarms valid, or empty after saying what is wrong. */
    Optional<List<DeployedAlarm>> deployable(PrintWriter err) {
        return actionsChosen(err) ? desired(err) : Optional.empty();
    }

    /**
     * The {@code cloudwatch} alarms as CloudWatch would hold them, each composite after the alarms it names, or empty
     * after printing every problem.
     */
    Optional<List<DeployedAlarm>> desired(PrintWriter err) {
        return definitions(err).map(alarms -> alarms.stream()
                .map(a -> CloudWatchAlarmSpec.deployed(a, deployment())).toList());
    }

    Optional<List<AlarmDefinition>> definitions(PrintWriter err) {
        var problems = new DefinitionProblems();
        var alarms = new AlarmLoader().load(alarmsDir, problems);
        if (!problems.isEmpty()) {
            problems.all().forEach(err::println);
            err.printf("%d problem(s) in %s%n", problems.all().size(), alarmsDir);
            return Optional.empty();
        }
        return Optional.of(alarms.stream().filter(a -> a.evaluatedBy() == EvaluatedBy.CLOUDWATCH).toList());
    }
}
