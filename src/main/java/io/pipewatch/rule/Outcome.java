package io.pipewatch.rule;

/**
 * The result of evaluating one alarm: the verdict, how many of the evaluated datapoints breached,
 * the newest real value (null when none), and a reason a human can read.
 */
public record Outcome(Verdict verdict, int breaching, int evaluated, Double latest, String reason) {
}
