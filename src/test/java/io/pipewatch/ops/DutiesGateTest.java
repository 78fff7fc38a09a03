package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DutiesGateTest {

    private final AtomicInteger begun = new AtomicInteger();
    private final DutiesGate gate = new DutiesGate();

    @Test
    void checksFirstThenTheServerBeginsThemWhenTheServerListens() {
        gate.checksPassed(begun::incrementAndGet);
        assertEquals(0, begun.get(), "nothing begins before the port is open");
        gate.listening();
        assertEquals(1, begun.get());
    }

    @Test
    void theServerFirstThenTheChecksBeginsThemWhenTheChecksPass() {
        gate.listening();
        assertEquals(0, begun.get(), "nothing begins before the checks passed");
        gate.checksPassed(begun::incrementAndGet);
        assertEquals(1, begun.get());
    }

    @Test
    void bothServersOpeningBeginThemOnce() {
        gate.checksPassed(begun::incrementAndGet);
        gate.listening(); // HTTP
        gate.listening(); // and HTTPS
        assertEquals(1, begun.get());
    }
}
