package io.pipewatch.store.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Decides what the embedded default's own state is: documents by kind and id, held in memory and made durable by an
 * append-only file ({@link JournalFile}) that one writer thread forces to disk for whatever was committed while it was
 * forcing the last batch (group commit). A commit of several documents is one record: all of them survive a crash or
 * none. A reader sees a document only once it is durable, so nothing is answered from a write a crash could take back.
 *
 * <p>One process owns a journal: a second one on the same directory is refused at open (an exclusive lock on
 * {@code journal.lock}), which is what makes the embedded store a store of one replica. Expired documents are skipped
 * when read and dropped from memory and file when the file is rewritten ({@link #compactIfGrown}).
 */
public final class Journal implements AutoCloseable {

    /** One change in a commit. */
    public sealed interface Change permits Put, Delete {
        String kind();

        String id();
    }

    /** @param expiresAt epoch seconds after which the document may be forgotten; {@link #NEVER} to keep it */
    public record Put(String kind, String id, String json, long expiresAt) implements Change {
    }

    public record Delete(String kind, String id) implements Change {
    }

    public static final long NEVER = Long.MAX_VALUE;
    static final String FILE = "state.journal";
    static final String LOCK = "journal.lock";

    /** A document as held: its body, expiry, and the commit that made it (durable once that completes). */
    private record Held(String json, long expiresAt, CompletableFuture<Void> durable) {
    }

    private final Map<String, ConcurrentSkipListMap<String, Held>> kinds = new ConcurrentHashMap<>();
    private final Clock clock;
    private final GroupWriter writer;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Journal(Clock clock, GroupWriter writer, FileChannel lockChannel, FileLock lock) {
        this.clock = clock;
        this.writer = writer;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Nothing on disk: for tests and throwaway runs ({@code PIPEWATCH_STORE_PATH=memory}). */
    public static Journal inMemory(Clock clock) {
        return new Journal(clock, null, null, null);
    }

    /**
     * Opens the journal in {@code directory} (created if absent), replaying what it holds.
     *
     * @throws IllegalStateException another process holds it, or the file is not a journal
     */
    public static Journal open(Path directory, Clock clock) {
        return open(directory, clock, GroupWriter.COMPACT_ABOVE);
    }

    /** @param compactAbove the file is rewritten once it is larger than this and twice what the last rewrite left */
    static Journal open(Path directory, Clock clock, long compactAbove) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("another Pipewatch process uses the store in " + directory
                        + " (" + LOCK + " is locked); give each process a PIPEWATCH_STORE_PATH of its own");
            }
            JournalFile file = JournalFile.open(directory.resolve(FILE));
            Journal journal = new Journal(clock, new GroupWriter(file, compactAbove), lockChannel, lock);
            try {
                file.replay(journal::replayed);
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
            journal.writer.start(journal::snapshot);
            return journal;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("cannot open the store's journal in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /**
     * Applies the changes and hands them to the writer: the future completes once they are on disk (at once in
     * memory), or with the disk's failure. Changes commit in the order handed in, so a document written twice ends as
     * the later, after a crash too.
     */
    public CompletableFuture<Void> commit(List<? extends Change> changes) {
        if (writer == null) {
            synchronized (this) {
                apply(changes, CompletableFuture.completedFuture(null));
            }
            return CompletableFuture.completedFuture(null);
        }
        synchronized (this) {
            CompletableFuture<Void> durable = writer.submit(changes);
            apply(changes, durable);
            return durable;
        }
    }

    /** {@link #commit}, waiting until durable; the disk's failure thrown as it happened. */
    public void commitNow(List<? extends Change> changes) {
        joined(commit(changes));
    }

    /** The document, unless absent or expired; waits until it is durable if a commit of it is still being written. */
    public Optional<String> get(String kind, String id) {
        var documents = kinds.get(kind);
        Held held = documents == null ? null : documents.get(id);
        if (held == null || expired(held)) {
            return Optional.empty();
        }
        joined(held.durable());
        return Optional.of(held.json());
    }

    /** Every unexpired document of the kind, ordered by id; waits until each is durable. */
    public SortedMap<String, String> all(String kind) {
        SortedMap<String, String> out = new TreeMap<>();
        var documents = kinds.get(kind);
        if (documents == null) {
            return out;
        }
        documents.forEach((id, held) -> {
            if (!expired(held)) {
                joined(held.durable());
                out.put(id, held.json());
            }
        });
        return out;
    }

    /** Documents held in memory, expired or not: for the tests of what is forgotten. */
    int held() {
        return kinds.values().stream().mapToInt(Map::size).sum();
    }

    /** Bytes of the file; 0 in memory. */
    long fileSize() {
        return writer == null ? 0 : writer.fileSize();
    }

    private void apply(List<? extends Change> changes, CompletableFuture<Void> durable) {
        for (Change change : changes) {
            if (change instanceof Put put) {
                kinds.computeIfAbsent(put.kind(), k -> new ConcurrentSkipListMap<>())
                        .put(put.id(), new Held(put.json(), put.expiresAt(), durable));
            } else {
                var documents = kinds.get(change.kind());
                if (documents != null) {
                    documents.remove(change.id());
                }
            }
        }
    }

    private static final CompletableFuture<Void> ON_DISK = CompletableFuture.completedFuture(null);

    private void replayed(List<Change> changes) {
        apply(changes, ON_DISK);
    }

    /**
     * What the file is rewritten to: every unexpired document, taken while nothing is waiting to be written (the
     * writer asks between batches; null when a commit came in meanwhile), so the rewritten file holds exactly what
     * is durable. Expired ones leave memory too.
     */
    private synchronized List<Put> snapshot() {
        if (!writer.idle()) {
            return null;
        }
        List<Put> live = new ArrayList<>();
        kinds.forEach((kind, documents) -> documents.entrySet().removeIf(e -> {
            if (expired(e.getValue())) {
                return true;
            }
            live.add(new Put(kind, e.getKey(), e.getValue().json(), e.getValue().expiresAt()));
            return false;
        }));
        return live;
    }

    private boolean expired(Held held) {
        return held.expiresAt() != NEVER && held.expiresAt() < clock.instant().getEpochSecond();
    }

    private static void joined(CompletableFuture<Void> durable) {
        try {
            durable.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Writes what was committed, then releases the directory to the next process. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            // the process is ending: the lock goes with its file descriptor
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
