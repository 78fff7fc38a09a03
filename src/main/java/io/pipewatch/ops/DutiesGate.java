package io.pipewatch.ops;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Begins the leader's duties once, when the start-up checks have passed and a server is listening, in whichever order
 * the two arrive: Quarkus announces an open server asynchronously, in the packaged jar after the checks and in tests
 * sometimes before them.
 */
final class DutiesGate {

    private volatile Runnable duties;
    private volatile boolean listening;
    private final AtomicBoolean begun = new AtomicBoolean();

    /** The checks passed; these are the duties to begin. */
    void checksPassed(Runnable duties) {
        this.duties = duties;
        beginIfBoth();
    }

    /** A server (HTTP or HTTPS) is listening. */
    void listening() {
        listening = true;
        beginIfBoth();
    }

    private void beginIfBoth() {
        Runnable begin = duties;
        if (begin != null && listening && begun.compareAndSet(false, true)) {
            begin.run();
        }
    }
}
