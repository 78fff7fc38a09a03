package io.pipewatch.notify.slack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.notify.slack.app.SlackSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackSignatureTest {

    /** Slack's own worked example ("Verifying requests from Slack"): its secret, timestamp, body and signature. */
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2F"
            + "hooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121"
            + ".803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant SIGNED = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    private final SlackSignature signature = new SlackSignature(SECRET);

    @Test
    void slacksWorkedExampleIsValid() {
        assertEquals(Verdict.VALID, signature.check(TIMESTAMP, SIGNATURE, bytes(BODY), SIGNED.plusSeconds(10)));
        assertEquals(SIGNATURE, signature.sign(TIMESTAMP, bytes(BODY)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another body         | 1531420618 | v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | 10   | MISMATCH",
            "another timestamp    | 1531420619 | v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | 10   | MISMATCH",
            "upper-case hex       | 1531420618 | v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503 | 10   | MISMATCH",
            "v1 scheme            | 1531420618 | v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | 10   | MISSING",
            "no timestamp         | ''         | v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | 10   | MISSING",
            "timestamp not a number | 15314x0618 | v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | 10 | MISSING",
            "5 min 1 s old        | 1531420618 | v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | 301  | STALE",
            "exactly 5 min old    | 1531420618 | v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | 300  | VALID",
            "from 6 min ahead     | 1531420618 | v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503 | -360 | STALE"})
    void refusesWhatSlackDidNotSignJustNow(String name, String timestamp, String sent, long ageSeconds, Verdict expected) {
        String body = name.equals("another body") ? BODY + "&x=1" : BODY;
        assertEquals(expected, signature.check(timestamp.isEmpty() ? null : timestamp, sent, bytes(body),
                SIGNED.plusSeconds(ageSeconds)));
    }

    @Test
    void anotherSecretDoesNotVerify() {
        assertEquals(Verdict.MISMATCH, new SlackSignature("another-secret").check(TIMESTAMP, SIGNATURE, bytes(BODY), SIGNED));
        assertEquals(Verdict.MISSING, signature.check(TIMESTAMP, null, bytes(BODY), SIGNED));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
