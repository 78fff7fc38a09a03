package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertStateTest {

    @ParameterizedTest(name = "{0} + {1} ({2} breaching) → {3}")
    @CsvSource({
            "OK,                ALARM,             3, FIRING",
            "OK,                OK,                1, PENDING",
            "OK,                OK,                0, OK",
            "PENDING,           OK,                0, OK",
            "PENDING,           ALARM,             2, FIRING",
            "FIRING,            ALARM,             2, FIRING",
            "FIRING,            OK,                1, RESOLVED",
            "FIRING,            OK,                0, RESOLVED",
            // CloudWatch: a whole range without data is INSUFFICIENT_DATA, whatever the state was.
            "FIRING,            INSUFFICIENT_DATA, 0, INSUFFICIENT_DATA",
            "PENDING,           INSUFFICIENT_DATA, 0, INSUFFICIENT_DATA",
            "RESOLVED,          INSUFFICIENT_DATA, 0, INSUFFICIENT_DATA",
            "INSUFFICIENT_DATA, ALARM,             1, FIRING",
            "FIRING,            KEEP,              0, FIRING",
            "RESOLVED,          OK,                0, RESOLVED",
            "RESOLVED,          OK,                1, PENDING",
            "RESOLVED,          ALARM,             1, FIRING",
            "OK,                INSUFFICIENT_DATA, 0, INSUFFICIENT_DATA",
            "INSUFFICIENT_DATA, OK,                0, OK",
            "INSUFFICIENT_DATA, KEEP,              0, INSUFFICIENT_DATA",
    })
    void movesOnlyAlongTheDefinedTransitions(AlertState from, Verdict verdict, int breaching, AlertState expected) {
        assertEquals(expected, from.next(new Outcome(verdict, breaching, 3, 1.0, "test")));
    }
}
