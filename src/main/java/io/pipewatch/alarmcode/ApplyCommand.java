package io.pipewatch.alarmcode;

import io.pipewatch.aws.AwsProblems;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * {@code alarms apply}: makes the owned CloudWatch alarms match {@code alarms/} (PutMetricAlarm,
 * DeleteAlarms), printing the plan first. Run twice, the second run changes nothing.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create, update and delete the owned CloudWatch alarms to match the cloudwatch alarms in alarms/.",
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:applied (or nothing to do)", "1:error"})
final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    AlarmsCommand parent;

    @Mixin
    DeployOptions options;

    @Option(names = "--max-writes-per-second", defaultValue = "3",
            description = "pace of PutMetricAlarm/DeleteAlarms (CloudWatch allows 3 a second; default: ${DEFAULT-VALUE})")
    double writesPerSecond;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var desired = options.deployable(err);
        if (desired.isEmpty()) {
            return PlanCommand.ERROR;
        }
        String step = "DescribeAlarms";
        try {
            var cloudWatch = new CloudWatchAlarms(parent.cloudWatch(), writesPerSecond);
            var plan = AlarmPlan.between(desired.get(), cloudWatch.owned(options.prefix));
            plan.print(out);
            for (MetricAlarm alarm : plan.creates()) {
                step = "PutMetricAlarm " + alarm.alarmName();
                cloudWatch.put(alarm);
            }
            for (AlarmPlan.Update update : plan.updates()) {
                step = "PutMetricAlarm " + update.desired().alarmName();
                cloudWatch.put(update.desired());
            }
            step = "DeleteAlarms";
            cloudWatch.delete(plan.deletes());
            out.printf("Applied: %d created, %d updated, %d deleted in %d call(s).%n", plan.creates().size(),
                    plan.updates().size(), plan.deletes().size(), cloudWatch.calls());
            return 0;
        } catch (SdkClientException e) {
            err.println(AwsProblems.clientProblem(e));
            return PlanCommand.ERROR;
        } catch (SdkException e) {
            err.println("CloudWatch " + step + " failed: " + e.getMessage() + " (run apply again: it only does what is left)");
            return PlanCommand.ERROR;
        }
    }
}
