package io.pipewatch.replica;

import io.pipewatch.config.Ticker;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Decides, one {@link #tick} at a time, whether this replica leads: a leader renews its lease (a conditional write
 * that changes its version), a follower reads it and takes it over, with the next fencing token, once it saw the same
 * version for a whole lease duration by its own ticker, or at once when nobody holds it. A leader that cannot renew
 * stops leading when its lease would lapse, counted from the start of its last renewal that succeeded: a follower
 * counts from after its read, which saw that renewal, so the two never lead at once while their tickers run at the
 * same rate. A leader that learns another replica took the lease, or whose lease lapsed, is deposed: it is told once
 * and never leads again (the service then exits, to be started afresh as a follower).
 */
public final class LeaseKeeper implements Leadership {

    private final String id;
    private final String url;
    private final Duration duration;
    private final LeaseStore store;
    private final Ticker ticker;
    private final Clock wall;
    private final List<Runnable> duties = new ArrayList<>();
    private final List<Consumer<String>> deposedListeners = new ArrayList<>();

    private Lease held;
    private long heldUntilNanos;
    private Lease seen;
    private long seenSinceNanos;
    private boolean deposed;
    private long takeovers;
    private long failedRenewals;
    private boolean storeUnreachableLogged;
    private String lastError;

    public LeaseKeeper(String id, String url, Duration duration, LeaseStore store, Ticker ticker, Clock wall) {
        this.id = id;
        this.url = url;
        this.duration = duration;
        this.store = store;
        this.ticker = ticker;
        this.wall = wall;
    }

    /** One look at the lease: renew it if held, else take it if it is free or lapsed. Tests call it with a ticker they move. */
    public void tick() {
        List<Runnable> toRun = List.of();
        String deposedFor = null;
        synchronized (this) {
            if (deposed) {
                return;
            }
            if (held != null) {
                deposedFor = renew();
            } else if (follow()) {
                toRun = List.copyOf(duties);
            }
            if (deposedFor != null) {
                held = null;
                deposed = true;
            }
        }
        if (deposedFor != null) {
            Log.errorf("Replica %s no longer leads: %s", id, deposedFor);
            for (Consumer<String> listener : listeners()) {
                listener.accept(deposedFor);
            }
        }
        for (Runnable duty : toRun) {
            try {
                duty.run();
            } catch (RuntimeException e) {
                // One duty that fails to start (a bad receiver, say) must not keep the others from starting.
                Log.errorf(e, "Replica %s leads, but one of its duties did not start", id);
            }
        }
    }

    /** @return why this replica no longer leads, or null while it does */
    private String renew() {
        long start = ticker.nanoTime();
        Lease next = written(held.token());
        try {
            if (!store.swap(Optional.of(held), next)) {
                return "another replica took the lease (" + store.read().map(Lease::holder).orElse("none") + ")";
            }
            held = next;
            seen = next;
            heldUntilNanos = start + duration.toNanos();
            lastError = null;
            return null;
        } catch (RuntimeException e) {
            failedRenewals++;
            lastError = e.getMessage();
            if (ticker.nanoTime() - heldUntilNanos >= 0) {
                return "the lease lapsed: it could not be renewed for " + duration.toSeconds() + " s (" + e.getMessage() + ")";
            }
            Log.warnf("Replica %s could not renew its lease (%s); it lapses in %d ms", id, e.getMessage(),
                    (heldUntilNanos - ticker.nanoTime()) / 1_000_000);
            return null;
        }
    }

    /** @return whether this replica has just taken the lease */
    private boolean follow() {
        Optional<Lease> stored;
        try {
            stored = store.read();
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            if (!storeUnreachableLogged) {
                Log.warnf("Replica %s cannot read the lease (%s); trying again", id, e.getMessage());
                storeUnreachableLogged = true;
            }
            return false;
        }
        storeUnreachableLogged = false;
        lastError = null;
        long readAt = ticker.nanoTime();
        if (stored.isEmpty()) {
            return take(Optional.empty(), 1);
        }
        Lease lease = stored.get();
        if (lease.released() || lease.holder().equals(id)) {
            // Let go on a clean stop, or held by this replica's previous run (same configured id): nobody else leads.
            return take(stored, lease.token() + 1);
        }
        if (seen == null || !seen.version().equals(lease.version())) {
            if (seen == null || !seen.holder().equals(lease.holder())) {
                Log.infof("Replica %s follows %s: it polls, evaluates and delivers only once it leads", id, lease.holder());
            }
            seen = lease;
            seenSinceNanos = readAt;
            return false;
        }
        Duration unchangedFor = Duration.ofNanos(readAt - seenSinceNanos);
        if (unchangedFor.compareTo(lease.duration()) >= 0) {
            Log.warnf("Replica %s takes over from %s: its lease was not renewed for %d ms", id, lease.holder(),
                    unchangedFor.toMillis());
            return take(stored, lease.token() + 1);
        }
        return false;
    }

    private boolean take(Optional<Lease> expected, long token) {
        long start = ticker.nanoTime();
        Lease next = written(token);
        try {
            if (!store.swap(expected, next)) {
                return false; // another follower was quicker
            }
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            Log.warnf("Replica %s could not take the lease (%s); trying again", id, e.getMessage());
            return false;
        }
        held = next;
        seen = next;
        heldUntilNanos = start + duration.toNanos();
        takeovers++;
        Log.infof("Replica %s leads (fencing token %d)", id, token);
        return true;
    }

    private Lease written(long token) {
        return new Lease(id, token, UUID.randomUUID().toString(), duration, wall.instant().plus(duration), url);
    }

    /**
     * Lets the lease go on a clean stop, so that a follower leads at its next look instead of after a lease duration.
     * Fenced like any write: a lease taken meanwhile by another replica is left alone.
     */
    public void release() {
        synchronized (this) {
            if (held == null) {
                deposed = true;
                return;
            }
            try {
                store.swap(Optional.of(held), new Lease("", held.token(), UUID.randomUUID().toString(), duration,
                        wall.instant(), ""));
                Log.infof("Replica %s let its lease go", id);
            } catch (RuntimeException e) {
                Log.warnf("Replica %s could not let its lease go (%s); it lapses on its own", id, e.getMessage());
            }
            held = null;
            deposed = true;
        }
    }

    @Override
    public synchronized boolean leading() {
        return held != null && heldUntilNanos - ticker.nanoTime() > 0;
    }

    @Override
    public synchronized Fence fence() {
        return leading() ? new Fence.Token(id, held.token()) : new Fence.NotLeading();
    }

    @Override
    public synchronized ReplicaStatus status() {
        boolean leads = leading();
        Lease known = leads ? held : seen;
        boolean anyone = known != null && !known.released();
        return new ReplicaStatus(id, leads, anyone ? known.holder() : null, anyone ? known.expiresAt() : null, lastError);
    }

    @Override
    public synchronized Optional<String> leaderUrl() {
        return seen == null || seen.released() || held != null ? Optional.empty() : Optional.of(seen.url());
    }

    public synchronized long takeovers() {
        return takeovers;
    }

    public synchronized long failedRenewals() {
        return failedRenewals;
    }

    @Override
    public void whenLeading(Runnable duty) {
        boolean now;
        synchronized (this) {
            now = held != null;
            if (!now) {
                duties.add(duty);
            }
        }
        if (now) {
            duty.run();
        }
    }

    @Override
    public synchronized void whenDeposed(Consumer<String> listener) {
        deposedListeners.add(listener);
    }

    private synchronized List<Consumer<String>> listeners() {
        return List.copyOf(deposedListeners);
    }
}
