package io.pipewatch.dashboard;

import io.pipewatch.alert.Alert;
import java.util.List;
import java.util.Map;

/** What a dashboard page draws, and what each live update carries: series points and alert states. */
public record DashboardData(long now, Map<String, List<double[]>> series, List<Alert> alerts) {
}
