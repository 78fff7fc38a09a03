package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedBodiesTest {

    private static final Instant SENT = Instant.parse("2026-12-04T03:00:00Z");

    @Test
    void itStaysBoundedAndForgetsTheOldestFirst() {
        VerifiedBodies bodies = new VerifiedBodies();
        for (int i = 0; i < VerifiedBodies.KEPT + 500; i++) {
            bodies.verified(body(i), new VerifiedBodies.Verified("m-" + i, SENT));
        }
        assertEquals(VerifiedBodies.KEPT, bodies.size());
        assertTrue(bodies.known(body(0)).isEmpty(), "the oldest is forgotten (and would be checked in full again)");
        assertEquals("m-" + (VerifiedBodies.KEPT + 499), bodies.known(body(VerifiedBodies.KEPT + 499)).orElseThrow().messageId());
    }

    private static byte[] body(int i) {
        return ("{\"MessageId\":\"m-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
