package io.pipewatch.signal;

/**
 * What a source's polling plan costs: calls and billed metrics per cycle, and per month at
 * CloudWatch's price of $0.01 per 1,000 metrics requested. Viewers add nothing to it.
 */
public record PollingCost(int callsPerCycle, long metricsPerCycle, long cyclesPerMonth, long metricsPerMonth,
        double dollarsPerMonth) {

    public static final double DOLLARS_PER_1000_METRICS = 0.01;
    private static final long SECONDS_PER_MONTH = 30L * 24 * 3600;

    public static PollingCost of(int callsPerCycle, long metricsPerCycle, long secondsPerCycle) {
        long cycles = SECONDS_PER_MONTH / Math.max(1, secondsPerCycle);
        long metrics = metricsPerCycle * cycles;
        return new PollingCost(callsPerCycle, metricsPerCycle, cycles, metrics, metrics / 1000.0 * DOLLARS_PER_1000_METRICS);
    }

    /** For people (also in {@code /api/status}): "3 calls and 240 metrics a cycle; 10,368,000 metrics a month ≈ $103.68 a month". */
    @com.fasterxml.jackson.annotation.JsonProperty("summary")
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d %s and %,d metrics a cycle; %,d metrics a month ≈ $%,.2f a month",
                callsPerCycle, callsPerCycle == 1 ? "call" : "calls", metricsPerCycle, metricsPerMonth, dollarsPerMonth);
    }

    @com.fasterxml.jackson.annotation.JsonProperty("viewers")
    public String viewers() {
        return "viewers add nothing: every chart and alarm reads the one store this plan fills";
    }
}
