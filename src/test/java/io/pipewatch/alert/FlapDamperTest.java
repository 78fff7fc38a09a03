package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlapDamperTest {

    private static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");

    /** Evaluations every 30 s: A breaching, o clear, _ no data; the states after each. */
    @ParameterizedTest(name = "hold {0} s: {1} → {2}")
    @CsvSource({
            "0,   AooAo,     FRRFR",
            "60,  Aooo,      FFFR",
            "60,  AoAoo,     FFFFF",
            "60,  AoAooo,    FFFFFR",
            // A range without data is INSUFFICIENT_DATA, as CloudWatch has it, even while the hold keeps it firing;
            // data that comes back clear is OK (the NO_DATA message was the last word on that firing).
            "60,  Ao_oo,     FFIOO",
            "120, Aooooo,    FFFFFR",
            "60,  ooAoooAo,  OOFFFRFF"})
    void holdsAFiringAlertUntilTheConditionStayedClearLongEnough(long holdSeconds, String evaluations, String expected) {
        FlapDamper damper = new FlapDamper();
        AlertState state = AlertState.OK;
        List<String> got = new ArrayList<>();
        for (int i = 0; i < evaluations.length(); i++) {
            Outcome outcome = switch (evaluations.charAt(i)) {
                case 'A' -> new Outcome(Verdict.ALARM, 1, 1, 1.0, "breach");
                case 'o' -> new Outcome(Verdict.OK, 0, 1, 0.0, "clear");
                default -> new Outcome(Verdict.INSUFFICIENT_DATA, 0, 0, null, "no data");
            };
            state = damper.next(state, outcome, T0.plusSeconds(30L * i), Duration.ofSeconds(holdSeconds));
            got.add(state.name().substring(0, 1));
        }
        assertEquals(expected, String.join("", got));
    }
}
