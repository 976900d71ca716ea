package io.lfp.upload.service;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.lfp.events.TransientFailures;
import io.lfp.upload.config.UploadConfig;
import io.quarkus.logging.Log;

/**
 * Rides out an outage of S3 or PostgreSQL: a step that failed only because a server was unreachable
 * ({@link TransientFailures}) is tried again with back-off (250 ms, doubling, at most lfp.upload.outage-backoff-max)
 * until lfp.upload.outage-tolerance has passed since its first failure. Blocking.
 */
@ApplicationScoped
public class OutageRetry {

    static final long FIRST_BACKOFF_MS = 250;

    private final Duration tolerance;
    private final long maxBackoffMs;

    @Inject
    public OutageRetry(UploadConfig config) {
        this(config.outageTolerance(), config.outageBackoffMax());
    }

    OutageRetry(Duration tolerance, Duration maxBackoff) {
        this.tolerance = tolerance;
        this.maxBackoffMs = Math.max(1, maxBackoff.toMillis());
    }

    /**
     * Runs {@code step}, again while it fails transiently and the outage is not older than the tolerance;
     * then, or on any other failure, throws what it threw. The step must be safe to repeat.
     *
     * @param what the step, for the log ("Storing s3://…")
     */
    public <T> T call(String what, Supplier<T> step) {
        long deadline = 0;
        long backoffMs = Math.min(FIRST_BACKOFF_MS, maxBackoffMs);
        for (int tries = 1;; tries++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + tolerance.toNanos();
                }
                long leftMs = (deadline - now) / 1_000_000;
                if (leftMs <= 0) {
                    Log.errorf("%s: still unavailable after %d tries, giving up: %s", what, tries, e.toString());
                    throw e;
                }
                // one line per outage, then one every tenth try
                if (tries == 1 || tries % 10 == 0) {
                    Log.warnf("%s failed (%s); waiting it out, %d s left", what, e.toString(), leftMs / 1000);
                }
                sleep(Math.min(backoffMs, leftMs), e);
                backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
            }
        }
    }

    private static void sleep(long ms, RuntimeException failure) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
