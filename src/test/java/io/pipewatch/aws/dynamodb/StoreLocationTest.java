package io.pipewatch.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

    @Test
    void theWordMemoryAsksForAThrowawayStore() {
        assertInstanceOf(StoreLocation.InMemory.class, StoreLocation.of(Path.of("memory")));
    }

    @Test
    void anythingElseIsADirectoryResolvedAgainstTheWorkingDirectory() {
        var data = assertInstanceOf(StoreLocation.OnDisk.class, StoreLocation.of(Path.of("data")));
        assertEquals(Path.of("").toAbsolutePath().resolve("data"), data.directory());
        var named = assertInstanceOf(StoreLocation.OnDisk.class, StoreLocation.of(Path.of("./memory")));
        assertEquals(Path.of("").toAbsolutePath().resolve("memory"), named.directory());
        assertEquals(Path.of("/var/lib/pipewatch"), ((StoreLocation.OnDisk) StoreLocation.of(Path.of("/var/lib/pipewatch"))).directory());
    }
}
