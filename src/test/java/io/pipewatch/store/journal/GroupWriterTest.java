package io.pipewatch.store.journal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer thread is the only way a commit becomes durable: whatever goes wrong in it must never leave a commit
 * waiting for an answer that cannot come (a storm that outgrew the heap did that: every SNS request hung).
 */
class GroupWriterTest {

    @TempDir
    Path directory;

    private GroupWriter writer;

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void aRewriteThatFailsLeavesTheWriterAppendingToTheFileItHas() throws Exception {
        writer = new GroupWriter(JournalFile.open(directory.resolve("state.journal")), 16); // a rewrite after each batch
        writer.start(() -> {
            throw new IllegalStateException("the snapshot could not be taken");
        });
        writer.submit(List.of(put("1"))).get(10, TimeUnit.SECONDS);
        writer.submit(List.of(put("2"))).get(10, TimeUnit.SECONDS); // the writer is still there to answer
    }

    @Test
    void anErrorThatEndsTheWriterRefusesEveryLaterCommitInsteadOfLeavingItWaiting() throws Exception {
        writer = new GroupWriter(JournalFile.open(directory.resolve("state.journal")), 16);
        writer.start(() -> {
            throw new OutOfMemoryError("a test's: no heap left for the rewrite");
        });
        writer.submit(List.of(put("1"))).get(10, TimeUnit.SECONDS); // written and forced before the rewrite failed
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> writer.submit(List.of(put("2"))).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
    }

    private static Journal.Put put(String id) {
        return new Journal.Put("alert", id, "{\"id\":\"" + id + "\"}", Journal.NEVER);
    }
}
