package io.lfp.ingest.service;

import java.util.function.Supplier;

import io.lfp.events.TransientFailures;
import io.lfp.ingest.config.IngestConfig;
import io.quarkus.logging.Log;

/**
 * One outage as a piece of work lives through it: from the first transient failure, waits with doubling
 * back-off (lfp.ingest.chunk-backoff up to lfp.ingest.outage-backoff-max) until lfp.ingest.outage-tolerance
 * has passed. Not shared between threads.
 */
final class OutageWait {

    private final long deadlineNanos;
    private final long maxBackoffMs;
    private long backoffMs;
    private int waits;

    OutageWait(IngestConfig config) {
        this.deadlineNanos = System.nanoTime() + config.outageTolerance().toNanos();
        this.maxBackoffMs = Math.max(1, config.outageBackoffMax().toMillis());
        this.backoffMs = Math.max(1, Math.min(config.chunkBackoff().toMillis(), maxBackoffMs));
    }

    /**
     * Runs {@code step}, again and again while it fails only because infrastructure is unavailable, for up
     * to the outage tolerance; then, or on any other failure, throws what it threw. The step must be safe to
     * repeat.
     */
    static <T> T ridingOut(IngestConfig config, String what, Supplier<T> step) {
        OutageWait outage = null;
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                outage = outage == null ? new OutageWait(config) : outage;
                if (!outage.waitOrGiveUp(what, String.valueOf(e.getMessage()))) {
                    throw e;
                }
            }
        }
    }

    /**
     * Sleeps before the next try and returns true, or returns false at once when the outage lasted too long.
     *
     * @param what the work, for the log ("Upload … chunk 3")
     * @param cause the failure, for the log
     */
    boolean waitOrGiveUp(String what, String cause) {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            Log.errorf("%s: infrastructure still unavailable after %d tries, giving up: %s", what, waits + 1, cause);
            return false;
        }
        long sleepMs = Math.min(backoffMs, left);
        waits++;
        // one line per outage, then one every tenth try: an outage of a minute must not flood the log
        if (waits == 1 || waits % 10 == 0) {
            Log.warnf("%s: infrastructure unavailable (%s); waiting it out, %d s left", what, cause, left / 1000);
        }
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting out an outage", e);
        }
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
        return true;
    }
}
