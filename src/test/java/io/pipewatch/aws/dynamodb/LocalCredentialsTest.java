package io.pipewatch.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The key a replica signs its requests to a shared store with is drawn, never fixed, and never printed. */
class LocalCredentialsTest {

    @Test
    void eachDrawIsItsOwnKeyAndTheSecretStaysOutOfToString() {
        LocalCredentials mine = LocalCredentials.random();
        LocalCredentials theirs = LocalCredentials.random();
        assertNotEquals(mine.accessKeyId(), theirs.accessKeyId());
        assertNotEquals(mine.secretAccessKey(), theirs.secretAccessKey());
        assertTrue(mine.accessKeyId().matches("[A-Z0-9]{20}"), mine.accessKeyId());
        assertEquals(40, mine.secretAccessKey().length());
        assertFalse(mine.toString().contains(mine.secretAccessKey()), "the secret stays out of toString");
    }
}
