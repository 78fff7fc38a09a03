package io.pipewatch.dashboard;

import java.util.List;

/**
 * One chart: a golden signal of a stage. {@code reference} is a line a reader compares against
 * (a Lambda's timeout, a table's provisioned capacity), null when there is none.
 */
public record Panel(String signal, String title, List<PanelSeries> series, Double reference, String referenceLabel) {
}
