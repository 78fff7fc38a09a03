package io.pipewatch.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private static final Redactor ONE = Redactor.of(List.of(new Redactor.Secret("s3cr3t/p%20th", "[one]")));
    private static final Redactor TWO = Redactor.of(List.of(new Redactor.Secret("an0ther-s3cr3t", "[two]")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', value = {
            "s3cr3t/p%20th             ¦ [one]",
            "a s3cr3t/p%20th b         ¦ a [one] b",
            "s3cr3t\\/p%20th           ¦ [one]",
            "s3cr3t%2Fp%2520th         ¦ [one]",
            "s3cr3t%252fp%252520th     ¦ [one]",
            "s3cr3t\\u002fp\\u002520th ¦ [one]",
            "s3cr3t/p th               ¦ s3cr3t/p th",
            "S3CR3T/p%20th             ¦ S3CR3T/p%20th",
            "s3cr3t/p%20t              ¦ s3cr3t/p%20t",
            "an0ther-s3cr3t            ¦ [two]",
            "''                        ¦ ''"})
    void replacesEachSecretHoweverItIsWritten(String text, String expected) {
        assertEquals(expected, ONE.and(TWO).redact(text));
    }

    @Test
    void nothingToHideChangesNothing() {
        assertNull(ONE.redact(null));
        assertEquals("s3cr3t/p%20th", Redactor.NONE.redact("s3cr3t/p%20th"));
        assertEquals("plain text", ONE.redactAndCut("plain text", 200));
    }

    @Test
    void cutsAtTheLimitWithAnEllipsisAndNeverSplitsAnEmoji() {
        assertEquals("abcd…", Redactor.cut("abcdefgh", 5));
        assertEquals("abcdefgh", Redactor.cut("abcdefgh", 8));
        assertEquals("abc…", Redactor.cut("abc\uD83D\uDD25defgh", 5));
        assertEquals("[one] x…", ONE.redactAndCut("s3cr3t/p%20th xyz", 8));
    }

    @Test
    void aLongTextOfNearMissesIsRedactedQuickly() {
        String nearMisses = "s3cr3t/p%20t ".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(nearMisses, ONE.and(TWO).redactHead(nearMisses)));
    }
}
