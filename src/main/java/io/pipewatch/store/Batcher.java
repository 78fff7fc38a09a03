package io.pipewatch.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Requests that many threads make at once, handled by one thread as batches, in the order they were made: each batch
 * is what queued while the one before it was handled, so a lone request waits for nothing and a storm is handled in
 * batches of the largest size that fits. The store's round trips are what batches save; see {@link GroupCommit}.
 *
 * @param <Q> a request
 * @param <A> its answer
 */
final class Batcher<Q, A> {

    private final Function<List<Q>, List<A>> handler;
    private final BiPredicate<List<Q>, Q> fits;
    private final ConcurrentLinkedQueue<Pending<Q, A>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handling = new AtomicBoolean();
    private final ThreadPoolExecutor thread;

    /**
     * @param handler answers a batch, one answer per request in its order; an exception fails the whole batch
     * @param fits whether a request may join the batch so far (a request always starts one)
     */
    Batcher(String threadName, Function<List<Q>, List<A>> handler, BiPredicate<List<Q>, Q> fits) {
        this.handler = handler;
        this.fits = fits;
        // One thread, gone when idle, so an application (or a test) that stops leaves none behind.
        this.thread = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /** Completes with the request's answer once its batch was handled, or exceptionally with the batch's failure. */
    CompletableFuture<A> submit(Q request) {
        Pending<Q, A> pending = new Pending<>(request, new CompletableFuture<>());
        queue.add(pending);
        if (handling.compareAndSet(false, true)) {
            thread.execute(this::handleAll);
        }
        return pending.answer();
    }

    private void handleAll() {
        while (true) {
            List<Pending<Q, A>> batch = next();
            if (batch.isEmpty()) {
                handling.set(false);
                // A request may have queued after the last poll and seen the flag still set: look once more.
                if (queue.isEmpty() || !handling.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            handle(batch);
        }
    }

    /** The oldest waiting requests, as many as fit one batch. Only this thread polls, so a peek stays the head. */
    private List<Pending<Q, A>> next() {
        List<Pending<Q, A>> batch = new ArrayList<>();
        List<Q> requests = new ArrayList<>();
        for (Pending<Q, A> p = queue.peek(); p != null; p = queue.peek()) {
            if (!batch.isEmpty() && !fits.test(requests, p.request())) {
                break;
            }
            queue.poll();
            batch.add(p);
            requests.add(p.request());
        }
        return batch;
    }

    private void handle(List<Pending<Q, A>> batch) {
        try {
            List<A> answers = handler.apply(batch.stream().map(Pending::request).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException | Error failed) {
            // Even an Error answers the batch: a request left unanswered would wait forever.
            batch.forEach(p -> p.answer().completeExceptionally(failed));
        }
    }

    private record Pending<Q, A>(Q request, CompletableFuture<A> answer) {
    }
}
