package io.pipewatch.store.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.ManualClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the journal keeps across a restart, a crash mid-write, a rewrite and a second process. */
class JournalTest {

    @TempDir
    Path directory;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T03:00:00Z"));
    private final List<Journal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Journal::close);
    }

    private Journal open() {
        Journal journal = Journal.open(directory, clock);
        opened.add(journal);
        return journal;
    }

    private Journal reopen(Journal journal) {
        journal.close();
        opened.remove(journal);
        return open();
    }

    private static Journal.Put put(String kind, String id, String json) {
        return new Journal.Put(kind, id, json, Journal.NEVER);
    }

    @Test
    void whatWasCommittedIsThereAfterARestartAndWhatWasDeletedIsNot() {
        Journal journal = open();
        journal.commitNow(List.of(put("alert", "a", "{\"v\":1}"), put("alert", "b", "{\"v\":2}")));
        journal.commitNow(List.of(put("alert", "a", "{\"v\":3}")));
        journal.commitNow(List.of(new Journal.Delete("alert", "b"), put("silence", "s", "{\"é\":\"ü\"}")));

        journal = reopen(journal);

        assertEquals(Map.of("a", "{\"v\":3}"), journal.all("alert"), "the later write of a, and b deleted");
        assertEquals(Optional.of("{\"é\":\"ü\"}"), journal.get("silence", "s"));
        assertEquals(Optional.empty(), journal.get("silence", "t"));
    }

    @Test
    void aRecordCutShortByACrashIsDroppedWholeAndTheOnesBeforeItKept() throws IOException {
        Journal journal = open();
        journal.commitNow(List.of(put("alert", "a", "{}")));
        long before = journal.fileSize();
        journal.commitNow(List.of(put("alert", "b", "{}"), put("incident", "i", "{}")));
        journal.close();
        opened.remove(journal);
        Path file = directory.resolve(Journal.FILE);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(raw.length() - 3); // the last record's last bytes never reached the disk
        }

        journal = open();

        assertEquals(Map.of("a", "{}"), journal.all("alert"));
        assertEquals(Map.of(), journal.all("incident"), "the cut record's other document goes with it");
        assertEquals(before, Files.size(file), "the torn end is cut off");
        journal.commitNow(List.of(put("alert", "c", "{}")));
        journal = reopen(journal);
        assertEquals(Map.of("a", "{}", "c", "{}"), journal.all("alert"), "writing goes on after the cut");
    }

    @Test
    void aRecordWhoseChecksumFailsEndsTheJournal() throws IOException {
        Journal journal = open();
        journal.commitNow(List.of(put("alert", "a", "{}")));
        journal.commitNow(List.of(put("alert", "b", "{\"long\":\"enough to flip a byte in\"}")));
        journal.close();
        opened.remove(journal);
        Path file = directory.resolve(Journal.FILE);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(raw.length() - 5);
            int b = raw.read();
            raw.seek(raw.length() - 5);
            raw.write(b ^ 0x20);
        }

        assertEquals(Map.of("a", "{}"), open().all("alert"));
    }

    @Test
    void aSecondProcessOnTheSameDirectoryIsRefusedWithWhatToDo() {
        open();
        var refused = assertThrows(IllegalStateException.class, () -> Journal.open(directory, clock));
        assertTrue(refused.getMessage().contains("another Pipewatch process") && refused.getMessage().contains("PIPEWATCH_STORE_PATH"),
                refused.getMessage());
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedAndLeftAsItIs() throws IOException {
        Files.writeString(directory.resolve(Journal.FILE), "some other file");
        var refused = assertThrows(IllegalStateException.class, () -> Journal.open(directory, clock));
        assertTrue(refused.getMessage().contains("not a Pipewatch store journal"), refused.getMessage());
        assertEquals("some other file", Files.readString(directory.resolve(Journal.FILE)));
        Files.move(directory.resolve(Journal.FILE), directory.resolve("elsewhere"));
        open(); // the lock went with the refusal: once the file is moved away, the directory opens
    }

    @Test
    void anExpiredDocumentIsNotReadAndLeavesMemoryAndFileAtTheNextRewrite() {
        Journal journal = Journal.open(directory, clock, 1024);
        opened.add(journal);
        long soon = clock.instant().plus(Duration.ofMinutes(1)).getEpochSecond();
        journal.commitNow(List.of(new Journal.Put("sns", "m1", "{}", soon), put("alert", "a", "{}")));
        clock.advance(Duration.ofMinutes(2));

        assertEquals(Optional.empty(), journal.get("sns", "m1"));
        assertEquals(Map.of(), journal.all("sns"));

        String big = "x".repeat(600);
        journal.commitNow(List.of(put("alert", "a", big)));
        journal.commitNow(List.of(put("alert", "a", big))); // past 1 KB: the writer rewrites the file
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> journal.held() == 1);
        Journal again = reopen(journal);
        assertEquals(Map.of("a", big), again.all("alert"));
        assertEquals(Optional.empty(), again.get("sns", "m1"));
    }

    @Test
    void aRewriteKeepsTheFileNearWhatItHoldsWhateverWasWrittenBefore() {
        Journal journal = Journal.open(directory, clock, 64 * 1024);
        opened.add(journal);
        String document = "y".repeat(1000);
        for (int i = 0; i < 2000; i++) { // 2 MB of writes over 10 documents
            journal.commitNow(List.of(put("alert", "a" + (i % 10), document + i)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> journal.fileSize() < 64 * 1024 * 2 + 20_000);

        Journal again = reopen(journal);
        assertEquals(10, again.all("alert").size());
        assertEquals(document + 1999, again.get("alert", "a9").orElseThrow(), "the last write of each, after the rewrite");
    }

    @Test
    void concurrentCommitsAreEachDurableWhenAnswered() throws Exception {
        Journal journal = open();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            int n = i;
            done.add(threads.submit(() -> journal.commitNow(List.of(put("sns", "m" + n, "{}"), put("alert", "a" + n % 50, "{\"n\":" + n + "}")))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();

        Journal again = reopen(journal);
        assertEquals(800, again.all("sns").size());
        assertEquals(50, again.all("alert").size());
    }

    @Test
    void inMemoryItKeepsTheSameRulesAndWritesNothing() {
        Journal journal = Journal.inMemory(clock);
        CompletableFuture<Void> durable = journal.commit(List.of(put("alert", "a", "{}")));
        assertTrue(durable.isDone());
        assertEquals(Map.of("a", "{}"), journal.all("alert"));
        assertEquals(0, journal.fileSize());
    }
}
