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
import java.util.List;

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
            // In the desired order (composites after the alarms they name), creates and updates alike.
            List<DeployedAlarm> writes = new java.util.ArrayList<>(plan.creates());
            plan.updates().forEach(u -> writes.add(u.desired()));
            List<String> order = desired.get().stream().map(DeployedAlarm::name).toList();
            writes.sort(java.util.Comparator.comparingInt(a -> order.indexOf(a.name())));
            for (DeployedAlarm alarm : writes) {
                step = (alarm.composite() ? "PutCompositeAlarm " : "PutMetricAlarm ") + alarm.name();
                cloudWatch.put(alarm);
            }
            step = "DeleteAlarms";
            // Composites in calls of their own first: CloudWatch refuses to delete an alarm a composite still names.
            cloudWatch.delete(plan.deletes().stream().filter(DeployedAlarm::composite).map(DeployedAlarm::name).toList());
            cloudWatch.delete(plan.deletes().stream().filter(a -> !a.composite()).map(DeployedAlarm::name).toList());
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
