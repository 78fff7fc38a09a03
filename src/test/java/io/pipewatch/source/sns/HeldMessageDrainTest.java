package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewatch.testing.ManualClock;
import io.pipewatch.testing.SnsMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader acts on what followers held: each message once, oldest state change first, then lets it go. */
class HeldMessageDrainTest {

    private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryHeldMessages held = new InMemoryHeldMessages(clock);
    private final InMemorySeenMessages seen = new InMemorySeenMessages(clock);
    private final List<String> reported = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AlarmIntake intake = new AlarmIntake(alarm -> {
        reported.add(alarm.alarmName() + " " + alarm.newState());
        return true;
    }, seen, clock, registry);
    private final HeldMessageDrain drain = new HeldMessageDrain(held, intake, new ObjectMapper().findAndRegisterModules());

    @Test
    void eachHeldMessageIsActedOnOnceInStateChangeOrderAndReleased() {
        var until = T0.plusSeconds(3600);
        held.hold("m-ok", SnsMessages.alarm("Lag", "OK", "ALARM", T0.plusSeconds(60)), until);
        held.hold("m-alarm", SnsMessages.alarm("Lag", "ALARM", "OK", T0), until);
        held.hold("m-known", SnsMessages.alarm("Errors", "ALARM", "OK", T0), until);
        seen.remember("m-known", until); // the leader took this one in itself before

        assertEquals(3, drain.drain());

        assertEquals(List.of("Lag ALARM", "Lag OK"), reported, "SNS's order does not decide: the state changes' times do");
        assertEquals(List.of(), held.held(), "all released");
        assertEquals(1.0, registry.counter("pipewatch.sns.messages", "result", "duplicate").count());
        held.hold("m-alarm", SnsMessages.alarm("Lag", "ALARM", "OK", T0), until); // SNS redelivered it to a follower
        drain.drain();
        assertEquals(2, reported.size(), "an id acted on is not acted on again");
    }
}
