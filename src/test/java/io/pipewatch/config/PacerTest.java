package io.pipewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import io.pipewatch.testing.ManualTicker;
import org.junit.jupiter.api.Test;

/** The one rate limit, on a ticker the test moves by hand: nothing here sleeps. */
class PacerTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Pacer pacer = new Pacer(Duration.ofMillis(1000), ticker);

    @Test
    void theFirstCallGoesAtOnce() {
        assertEquals(0, pacer.nanosUntilTurn());
        pacer.awaitTurn();
        assertEquals(List.of(), ticker.sleeps());
    }

    @Test
    void theNextCallWaitsWhatIsLeftOfTheIntervalSinceTheLastWasMarked() {
        pacer.called();
        ticker.advanceNanos(300_000_000);
        assertEquals(700_000_000, pacer.nanosUntilTurn());
        pacer.awaitTurn();
        assertEquals(List.of(700_000_000L), ticker.sleeps());
        pacer.called();
        ticker.advanceNanos(2_000_000_000L);
        assertEquals(0, pacer.nanosUntilTurn(), "a quiet spell owes nothing");
    }

    @Test
    void markedAtTheAnswerASlowCallDoesNotLetTheNextFollowTooClosely() {
        pacer.awaitTurn();
        ticker.advanceNanos(900_000_000); // a slow answer
        pacer.called();
        assertEquals(1_000_000_000, pacer.nanosUntilTurn(), "the interval runs from the answer, not from the start");
    }

    @Test
    void aBudgetPerSecondBecomesItsInterval() {
        Pacer five = Pacer.perSecond(5, ticker);
        five.called();
        assertEquals(200_000_000, five.nanosUntilTurn());
        Pacer none = Pacer.perSecond(0, ticker);
        none.called();
        assertEquals(1_000_000_000, none.nanosUntilTurn(), "at least one a second, never a division by zero");
    }
}
