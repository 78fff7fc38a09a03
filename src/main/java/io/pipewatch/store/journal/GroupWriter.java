package io.pipewatch.store.journal;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Decides when committed changes reach the disk: one thread writes every commit that queued while it was forcing the
 * previous batch, forces once, and only then completes their futures — so a storm of concurrent commits costs one
 * {@code fsync} per batch, not one each. After a failed write it refuses every later commit: what is on disk is then
 * unknown, and answering as if durable would be a lie.
 */
final class GroupWriter {

    /** 16 MB: a day of a busy demo's state changes before the first rewrite. */
    static final long COMPACT_ABOVE = 16L << 20;

    private record Pending(List<? extends Journal.Change> changes, CompletableFuture<Void> durable) {
    }

    private final JournalFile file;
    private final long compactAbove;
    private final List<Pending> queue = new ArrayList<>();
    private long sizeAfterRewrite;
    private boolean closed;
    private RuntimeException failure;
    private Thread thread;

    GroupWriter(JournalFile file, long compactAbove) {
        this.file = file;
        this.compactAbove = compactAbove;
    }

    void start(Supplier<List<Journal.Put>> snapshot) {
        sizeAfterRewrite = file.size();
        thread = new Thread(() -> run(snapshot), "pipewatch-journal");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized CompletableFuture<Void> submit(List<? extends Journal.Change> changes) {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the store's journal is closed"));
        }
        CompletableFuture<Void> durable = new CompletableFuture<>();
        queue.add(new Pending(List.copyOf(changes), durable));
        notifyAll();
        return durable;
    }

    synchronized boolean idle() {
        return queue.isEmpty();
    }

    long fileSize() {
        return file.size();
    }

    private void run(Supplier<List<Journal.Put>> snapshot) {
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                if (queue.isEmpty()) {
                    notifyAll(); // close() waits for the last batch
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            try {
                write(batch);
                compactIfGrown(snapshot);
            } catch (Error e) {
                // Out of memory, say: this thread ends, and a commit left waiting for it would hang its caller for good.
                refuseFromNowOn(new IllegalStateException("the store's journal stopped: " + e, e), batch);
                throw e;
            }
        }
    }

    /** After a failure, what is on disk is unknown: every commit waiting or to come is refused, none answered durable. */
    private void refuseFromNowOn(RuntimeException failed, List<Pending> batch) {
        synchronized (this) {
            failure = failed;
            queue.forEach(p -> p.durable().completeExceptionally(failed));
            queue.clear();
        }
        batch.forEach(p -> p.durable().completeExceptionally(failed));
    }

    private void write(List<Pending> batch) {
        try {
            file.append(batch.stream().<List<? extends Journal.Change>>map(Pending::changes).toList());
            file.force();
        } catch (IOException | RuntimeException e) {
            Log.errorf("The store's journal could not be written (%s); every later change is refused until a restart",
                    e.getMessage());
            refuseFromNowOn(new IllegalStateException("the store's journal could not be written: " + e.getMessage(), e), batch);
            return;
        }
        batch.forEach(p -> p.durable().complete(null));
    }

    /** Rewrites the file as what it holds once it has grown past the threshold and twice its last rewrite. */
    private void compactIfGrown(Supplier<List<Journal.Put>> snapshot) {
        if (failure != null || file.size() <= Math.max(compactAbove, 2 * sizeAfterRewrite)) {
            return;
        }
        long before = file.size();
        try {
            List<Journal.Put> live = snapshot.get();
            if (live == null) {
                return; // commits waiting: after their batch
            }
            file.rewrite(live);
            sizeAfterRewrite = file.size();
            Log.debugf("Store journal rewritten: %d → %d bytes, %d documents", before, sizeAfterRewrite, live.size());
        } catch (IOException | RuntimeException e) {
            // The old file is intact (the rewrite replaces it only once complete): keep appending to it.
            Log.warnf("The store's journal could not be rewritten (%s); it keeps growing until it can", e.getMessage());
            sizeAfterRewrite = before;
        }
    }

    /** Writes what was committed before, then stops. */
    void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        file.close();
    }
}
