package io.pipewatch.alarmcode;

import io.pipewatch.aws.AwsProblems;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code alarms plan}: what apply would change in CloudWatch, as a readable diff; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Compare the cloudwatch alarms in alarms/ with the owned alarms in CloudWatch (DescribeAlarms).",
        exitCodeListHeading = "%nExit status (Terraform's -detailed-exitcode):%n",
        exitCodeList = {"0:no changes", "1:error", "2:changes to apply"})
final class PlanCommand implements Callable<Integer> {

    static final int ERROR = 1;
    static final int CHANGES = 2;

    @Spec
    CommandSpec spec;

    @ParentCommand
    AlarmsCommand parent;

    @Mixin
    DeployOptions options;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var desired = options.deployable(err);
        if (desired.isEmpty()) {
            return PlanCommand.ERROR;
        }
        try {
            var cloudWatch = new CloudWatchAlarms(parent.cloudWatch(), 3);
            var plan = AlarmPlan.between(desired.get(), cloudWatch.owned(options.prefix));
            plan.print(out);
            return plan.empty() ? 0 : CHANGES;
        } catch (SdkClientException e) {
            err.println(AwsProblems.clientProblem(e));
            return ERROR;
        } catch (SdkException e) {
            err.println("CloudWatch DescribeAlarms failed: " + e.getMessage());
            return ERROR;
        }
    }
}
