package io.pipewatch.source.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which SubscribeURL may be fetched, and that a refusal names the host, never the token. */
class SubscribeUrlPolicyTest {

    private static final URI SNS = URI.create("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=s3cr3t");
    private static final URI EMULATOR = URI.create("http://localhost:4566/?Action=ConfirmSubscription&Token=s3cr3t");

    @Test
    void snsItselfIsAlwaysConfirmed() {
        assertEquals(Optional.empty(), new SubscribeUrlPolicy(true, List.of()).refusal(SNS));
        assertEquals(Optional.empty(), new SubscribeUrlPolicy(false, List.of("localhost:4566")).refusal(SNS));
        assertTrue(new SubscribeUrlPolicy(true, List.of()).refusal(URI.create("http://sns.eu-west-1.amazonaws.com/?Token=x")).isPresent(),
                "SNS only over https");
    }

    @Test
    void anEmulatorHostIsConfirmedOnlyWhileSignaturesAreOffAndOnlyWhenListed() {
        assertEquals(Optional.empty(), new SubscribeUrlPolicy(false, List.of("localhost:4566")).refusal(EMULATOR));
        assertEquals(Optional.empty(), new SubscribeUrlPolicy(false, List.of("localhost")).refusal(EMULATOR), "host alone");
        String refused = new SubscribeUrlPolicy(true, List.of("localhost:4566")).refusal(EMULATOR).orElseThrow();
        assertTrue(refused.contains("honoured only with verify-signatures=false"), refused);
        String unlisted = new SubscribeUrlPolicy(false, List.of()).refusal(EMULATOR).orElseThrow();
        assertEquals("SubscribeURL host 'localhost:4566' (http) is not SNS (https://sns.<region>.amazonaws.com); add it to"
                + " pipewatch.sns.confirm-hosts to confirm through an emulator", unlisted);
        assertFalse(unlisted.contains("s3cr3t") || refused.contains("s3cr3t"), "the token never reaches a log");
        assertTrue(new SubscribeUrlPolicy(false, List.of("localhost:4566")).refusal(URI.create("ftp://localhost:4566/x")).isPresent());
    }
}
