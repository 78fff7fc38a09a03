package io.pipewatch.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Decides whether a password may be checked at all. A bcrypt check costs a quarter to half a second of
 * a core, so an internet-facing basic login is also a way to burn the CPU that evaluates alarms: at most
 * {@link #CONCURRENT_CHECKS} run at once (the rest fail at once), and an address that failed
 * {@link #FAILURES_ALLOWED} times for one name within {@link #WINDOW} is refused without a check until
 * the window passes. Users already verified never reach here (their login is remembered), so an attack
 * on a name does not lock its owner out.
 */
final class LoginThrottle {

    static final int CONCURRENT_CHECKS = 2;
    static final int FAILURES_ALLOWED = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Attempts remembered at most; the oldest is forgotten first, so a spoofing flood cannot grow memory. */
    static final int ADDRESSES_KEPT = 10_000;

    private record Failures(int count, Instant since) {
    }

    private final Clock clock;
    private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS);
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > ADDRESSES_KEPT;
        }
    };

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether this attempt (address and name) may be checked now; on true the caller must {@link #release(String, boolean)}. */
    boolean tryAcquire(String attempt) {
        synchronized (failures) {
            Failures f = failures.get(attempt);
            if (f != null && f.count() >= FAILURES_ALLOWED && clock.instant().isBefore(f.since().plus(WINDOW))) {
                return false;
            }
        }
        return checks.tryAcquire();
    }

    /** Ends a check: a failure counts against the address and name, a success forgets their failures. */
    void release(String attempt, boolean succeeded) {
        checks.release();
        synchronized (failures) {
            if (succeeded) {
                failures.remove(attempt);
                return;
            }
            Instant now = clock.instant();
            Failures f = failures.get(attempt);
            failures.put(attempt, f == null || !now.isBefore(f.since().plus(WINDOW))
                    ? new Failures(1, now) : new Failures(f.count() + 1, f.since()));
        }
    }
}
