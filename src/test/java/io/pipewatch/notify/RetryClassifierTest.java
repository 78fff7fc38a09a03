package io.pipewatch.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an HTTP answer means for a delivery, the same for every receiver. */
class RetryClassifierTest {

    @Test
    void outagesAreRetriedAndRefusalsAreNot() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertTrue(RetryClassifier.retryable(status), Integer.toString(status));
        }
        for (int status : new int[] {400, 401, 403, 404, 410, 413}) {
            assertFalse(RetryClassifier.retryable(status), Integer.toString(status));
        }
    }

    @Test
    void retryAfterIsTakenInWholeSecondsOnly() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryClassifier.retryAfter(" 30 "));
        assertEquals(Optional.empty(), RetryClassifier.retryAfter("Fri, 04 Dec 2026 03:00:00 GMT"));
        assertEquals(Optional.empty(), RetryClassifier.retryAfter("-1"));
        assertEquals(Optional.empty(), RetryClassifier.retryAfter("9999999"), "longer than any real wait: not believed");
        assertEquals(Optional.empty(), RetryClassifier.retryAfter(null));
    }

    @Test
    void anAnswerBecomesAFailureThatSaysWhoAnsweredWhat() {
        DeliveryException limited = RetryClassifier.answered("Slack webhook …/T0/B0/…", 429, "rate_limited", "2");
        assertEquals("Slack webhook …/T0/B0/… answered 429 rate_limited", limited.getMessage());
        assertTrue(limited.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(2)), limited.retryAfter());
        DeliveryException refused = RetryClassifier.answered("Slack webhook", 404, "channel_not_found", "60");
        assertFalse(refused.retryable());
        assertEquals(Optional.empty(), refused.retryAfter(), "a refusal is not retried, whatever the header says");
        assertTrue(RetryClassifier.unreachable("Slack webhook", "ConnectException refused").retryable());
    }
}
