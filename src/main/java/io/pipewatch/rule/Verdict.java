package io.pipewatch.rule;

/** What one evaluation concludes; {@code KEEP} means the alarm stays in the state it is in. */
public enum Verdict {
    ALARM, OK, INSUFFICIENT_DATA, KEEP
}
